import { z } from "zod";
import { countWords, MAX_SUMMARY_WORDS } from "../summary.ts";

const evidencedTagSchema = z.strictObject({
  name: z.string().describe("A head type: a registry name for `tags`, a new name for `newHeadTypes`."),
  evidence: z.string().describe("A quote copied character for character from the paper's title or abstract."),
});

/** One paper's answer, as the model must give it (and as we check it). */
export const llmPaperAnswerSchema = z.strictObject({
  id: z.string().describe("The paper's id exactly as given."),
  relevant: z.boolean(),
  confidence: z.number().min(0).max(1),
  rationale: z.string(),
  tags: z.array(evidencedTagSchema),
  newHeadTypes: z.array(evidencedTagSchema),
  summary: z
    .array(z.string())
    .length(3)
    .describe("Three bullets: what is new, how/on what it was studied, the key result; at most 60 words in all."),
});
export type LlmPaperAnswer = z.infer<typeof llmPaperAnswerSchema>;

export const llmAnswerSchema = z.strictObject({ papers: z.array(llmPaperAnswerSchema) });

// Numeric and length constraints are outside the subset every schema-enforcing server accepts in
// strict mode; they are checked by zod on our side instead.
const UNPORTABLE = new Set(["$schema", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "minLength", "maxLength"]);

function portable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(portable);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => !UNPORTABLE.has(k)).map(([k, v]) => [k, portable(v)]));
}

/** The JSON schema sent as `response_format`, generated from the zod schema above. */
export function answerJsonSchema(): Record<string, unknown> {
  return portable(z.toJSONSchema(llmAnswerSchema)) as Record<string, unknown>;
}

/**
 * Validates one item of an answer. Our side checks everything, because not every
 * OpenAI-compatible server enforces the schema, and the 60-word limit is not expressible in it.
 */
export function validatePaperAnswer(raw: unknown): { ok: true; answer: LlmPaperAnswer } | { ok: false; reason: string } {
  const parsed = llmPaperAnswerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `answer off schema at ${issue.path.join(".") || "(item)"}: ${issue.message}` };
  }
  const words = countWords(parsed.data.summary);
  if (words > MAX_SUMMARY_WORDS) return { ok: false, reason: `summary has ${words} words (at most ${MAX_SUMMARY_WORDS})` };
  return { ok: true, answer: parsed.data };
}

/**
 * The answer's `papers` list, or undefined when the content is not the expected object. Local
 * servers without schema enforcement often wrap JSON in a markdown fence; that much is forgiven.
 */
export function parseAnswerItems(content: string): unknown[] | undefined {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(content);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fenced ? fenced[1]! : content);
  } catch {
    return undefined;
  }
  const papers = parsed && typeof parsed === "object" ? (parsed as { papers?: unknown }).papers : undefined;
  return Array.isArray(papers) ? papers : undefined;
}
