import { z } from "zod";
import { countWords, MAX_SUMMARY_WORDS } from "../summary.ts";

const evidencedTagSchema = z.strictObject({
  name: z.string().describe("A head type: a registry name for `tags`, a new name for `newHeadTypes`."),
  evidence: z.string().describe("A quote copied character for character from the paper's title or abstract, naming the head type."),
});

/** One paper's answer, as the model must give it (and as we check it). */
export const llmAnswerSchema = z.strictObject({
  relevant: z.boolean(),
  confidence: z.number().min(0).max(1),
  rationale: z.string(),
  tags: z.array(evidencedTagSchema),
  newHeadTypes: z.array(evidencedTagSchema),
  summary: z
    .array(z.string())
    .describe("Relevant: three bullets (what is new, how/on what it was studied, the key result), at most 60 words in all. Irrelevant: empty."),
});
export type LlmAnswer = z.infer<typeof llmAnswerSchema>;

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
 * The answer in a completion's content, validated. Our side checks everything, because not every
 * OpenAI-compatible server enforces the schema, and the bullet count and 60-word limit are not
 * expressible in it. Local servers without schema enforcement often wrap JSON in a markdown
 * fence; that much is forgiven.
 */
export function parseAnswer(content: string): { ok: true; answer: LlmAnswer } | { ok: false; reason: string } {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(content);
  let raw: unknown;
  try {
    raw = JSON.parse(fenced ? fenced[1]! : content);
  } catch {
    return { ok: false, reason: `answer is not JSON (${JSON.stringify(content.slice(0, 60))}${content.length > 60 ? "…" : ""})` };
  }
  const parsed = llmAnswerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `answer off schema at ${issue.path.join(".") || "(top level)"}: ${issue.message}` };
  }
  const { relevant, summary } = parsed.data;
  if (relevant && summary.length !== 3) return { ok: false, reason: `a relevant paper needs 3 summary bullets, got ${summary.length}` };
  const words = countWords(summary);
  if (words > MAX_SUMMARY_WORDS) return { ok: false, reason: `summary has ${words} words (at most ${MAX_SUMMARY_WORDS})` };
  return { ok: true, answer: parsed.data };
}
