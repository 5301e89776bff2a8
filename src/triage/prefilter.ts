import type { HeadRegistry } from "../catalog/registry.ts";
import type { Paper } from "../sources/paper.ts";
import { paperText } from "./text.ts";

/** One rule that fired, with its weight and the words that made it fire (for the report). */
export interface PrefilterSignal {
  rule: string;
  weight: number;
  match: string;
}

export interface PrefilterResult {
  score: number;
  passed: boolean;
  signals: PrefilterSignal[];
  /** Registry head types named in the text, with the words that name them (a hint for tags, not a verdict). */
  registryMatches: { name: string; evidence: string }[];
}

// Words before "head(s)" that make it a network head, a person's head or an architecture count,
// not an attention head with a function.
const NETWORK_HEAD_WORDS = [
  "detection", "detector", "classification", "classifier", "prediction", "predictor", "segmentation", "regression",
  "output", "projection", "task", "policy", "value", "reward", "lm", "mlp", "linear", "box", "anchor", "cls",
  "dense", "auxiliary", "lightweight", "shared", "decoding", "decoder", "recognition", "tracking", "pose",
  "keypoint", "mask", "bbox", "rpn", "yolo", "ctc", "language-modeling", "unembedding", "medusa", "draft",
  "expert", "routing", "router", "critic", "actor", "prompt", "probe", "probing", "readout", "multiple", "two",
  "three", "four", "separate", "dual", "parallel", "independent", "distinct", "additional",
];
const NETWORK_HEAD = new RegExp(`\\b(?:${NETWORK_HEAD_WORDS.join("|")})[- ]heads?\\b`, "gi");
const BODY_HEAD =
  /\b(?:head[- ](?:pose|movements?|motions?|and[- ]neck|mounted|gestures?|orientation|ct|mri|injur(?:y|ies)|tracking|avatars?|models? of (?:human|people))|human heads?|talking[- ]heads?(?! attention)|heads? of (?:state|government|households?|departments?)|3d heads?|head avatars?|hair|face and head|heads? and (?:shoulders|faces|hands|bodies))\b/gi;
const ARCHITECTURE_HEADS = /\b(?:multi|many|grouped|single|two|hybrid|few)[- ]?head(?:ed)?\b/gi;

const ATTENTION_HEAD = /\b(?:self[- ]?)?attention(?:al)?[- ]heads?\b|\bheads? of (?:the )?(?:attention|transformers?|llms?|language models?)\b/gi;
const HEAD_COORDINATE = /\bL\d{1,2}H\d{1,2}\b|\bheads? \d{1,2}\.\d{1,2}\b|\blayer \d{1,2},? heads? \d{1,2}\b|\bheads? \(\d{1,2}, ?\d{1,2}\)/gi;
const HEAD_LEVEL = /\b(?:head[- ]?(?:wise|level|specific)|per[- ]head|individual heads|specific heads|specialized heads|specialised heads|certain heads|a few heads|small (?:set|number|subset) of heads)\b/gi;
const LM_CONTEXT = /\b(?:transformers?|seq2seq|sequence-to-sequence|encoder-decoder|language models?|llms?|gpt|bert|llama|attention|interpretab\w*|circuits?|mechanistic)\b/i;
// "X heads" where X is an adjective naming a function (reasoning heads, crazy heads, gate heads).
const NAMED_HEADS = /\b([a-z][a-z-]{2,}) heads\b/gi;
const HEAD_WORD = /\bheads?\b/gi;
// Interpretability vocabulary that finds head-level results without saying "head" in the abstract.
const CIRCUIT_TERMS: [string, RegExp, number][] = [
  ["circuit", /\b(?:circuits?|circuit discovery|subcircuits?)\b/i, 1],
  ["mechanistic", /\bmechanistic(?:ally)?\b/i, 1],
  ["patching", /\b(?:activation|path|attribution) patching\b/i, 1],
  ["attention-pattern", /\battention patterns?\b/i, 1],
  ["induction", /\binduction\b/i, 1],
  ["copy-mechanism", /\bcopy(?:ing)? mechanisms?\b/i, 2],
  ["logit-lens", /\blogit lens\b|\bdirect logit attribution\b/i, 1],
  ["internals", /\binternal (?:mechanisms?|components?|circuits?)\b|\binternals of\b/i, 1],
  ["causal-analysis", /\bcausal (?:analysis|mediation|interventions?|tracing)\b/i, 1],
];

// Descriptive signals: no weight in the prefilter's score (they must not cost recall), but the
// offline classifier weighs them: they separate "finds what heads do" from "changes the heads".
const DESCRIPTIVE: [string, RegExp, boolean][] = [
  ["head-finding", /\b(?:identif\w*|locat\w*|discover\w*|find|finds|found|uncover\w*|reveal\w*|dub\w*|term\w*|call\w*) (?:[\w-]+ ){0,5}heads?\b/i, true],
  ["head-role", /\bheads? (?:that|which|responsible|speciali[sz]ed|dedicated|whose|play|contribut\w*|encod\w*|attend\w*|implement\w*|perform\w*|track\w*|boost\w*|suppress\w*|promot\w*|cause|account)\b/i, true],
  ["head-intervention", /\b(?:ablat\w*|knock\w* out|patch\w*|mask\w*|steer\w*|scal\w*|fine-?tun\w*) (?:[\w-]+ ){0,4}heads?\b|\bheads?[- ](?:wise )?(?:ablation|masking|patching)\b/i, true],
  ["head-architecture", /\b(?:mixture of (?:attention )?heads|number of (?:attention )?heads|heads? (?:pruning|dimension|count)|sparse attention|linear attention|attention variant|(?:multi|grouped)-query attention|attention mechanism design|kernel|throughput|speed-?up|latency)\b/i, false],
  ["neuron-level", /\b(?:neurons?|sparse autoencoders?|SAE|MLP (?:layers?|neurons?)|feed-forward (?:layers?|network))\b/i, false],
];

function allMatches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Patterns for each registry head type: its name, slug and aliases, with "head"/"heads" and any separator. */
export function compileRegistryPatterns(registry: HeadRegistry): { name: string; pattern: RegExp }[] {
  return registry.heads.map((head) => {
    const spellings = new Set([head.name, head.slug.replace(/_/g, " "), ...head.aliases]);
    const alternatives = [...spellings].map((spelling) => {
      const words = spelling
        .replace(/\b(?:Heads?|Memory|Memories)$/i, (w) => w)
        .split(/[\s_-]+/)
        .filter(Boolean)
        .map(escapeRegExp);
      const last = words.pop()!;
      // "Head" → heads?, "Memory"/"Memories" → memor(y|ies)
      const tail = /^heads?$/i.test(last) ? "heads?" : /^memor(?:y|ies)$/i.test(last) ? "memor(?:y|ies)" : last;
      return [...words, tail].join("[\\s_-]*");
    });
    return { name: head.name, pattern: new RegExp(`\\b(?:${alternatives.join("|")})\\b`, "i") };
  });
}

export interface Prefilter {
  (paper: Pick<Paper, "title" | "abstract">): PrefilterResult;
}

/**
 * The cheap first stage: scores title + abstract with rules drawn from the head registry plus
 * attention-head vocabulary, minus network/people's heads. Tuned for recall; the classifier
 * after it is tuned for precision.
 */
export function createPrefilter(registry: HeadRegistry, threshold = 2): Prefilter {
  const registryPatterns = compileRegistryPatterns(registry);
  return (paper) => scorePrefilter(paperText(paper), registryPatterns, threshold);
}

export function scorePrefilter(
  text: string,
  registryPatterns: { name: string; pattern: RegExp }[],
  threshold: number,
): PrefilterResult {
  const signals: PrefilterSignal[] = [];
  const add = (rule: string, weight: number, match: string) => signals.push({ rule, weight, match });

  // Most papers never say "head": the head rules are skipped for them (a 20,000-paper scan is mostly this).
  const mentionsHead = /head/i.test(text);
  const headMatches = (pattern: RegExp) => (mentionsHead ? allMatches(text, pattern) : []);
  const networkHeads = headMatches(NETWORK_HEAD);
  const bodyHeads = headMatches(BODY_HEAD);
  const architectureHeads = headMatches(ARCHITECTURE_HEADS);
  const lmContext = LM_CONTEXT.test(text);

  const attentionHeads = headMatches(ATTENTION_HEAD);
  if (attentionHeads.length) add("attention-head", 3, attentionHeads[0]!);
  const coordinates = allMatches(text, HEAD_COORDINATE);
  if (coordinates.length) add("head-coordinate", 3, coordinates[0]!);

  const registryMatches: { name: string; evidence: string }[] = [];
  // Every registry name ends in "head(s)" or "memory": most papers skip the 75 patterns.
  const mayNameHeads = /head|memor/i.test(text);
  for (const { name, pattern } of mayNameHeads ? registryPatterns : []) {
    const m = pattern.exec(text);
    if (!m) continue;
    // A registry name that is also a network-head phrase ("detection head") counts only with other evidence.
    if (networkHeads.some((n) => n.toLowerCase() === m[0].toLowerCase())) continue;
    registryMatches.push({ name, evidence: m[0] });
  }
  if (registryMatches.length) add("registry-name", lmContext ? 3 : 1, registryMatches.map((r) => r.evidence).join(", "));

  const headLevel = headMatches(HEAD_LEVEL);
  if (headLevel.length && lmContext) add("head-level", 2, headLevel[0]!);

  if (lmContext && !attentionHeads.length && !registryMatches.length) {
    const excluded = new Set(networkHeads.map((n) => n.toLowerCase()));
    const named = headMatches(NAMED_HEADS).filter(
      (n) => !excluded.has(n.toLowerCase()) && !/^(?:multi|many|the|these|those|all|other|some|of|and|by|attention)\b/i.test(n),
    );
    if (named.length) add("named-heads", 2, named[0]!);
  }

  // "head" left over once network heads, people's heads and "multi-head" are taken out.
  const loose = mentionsHead
    ? allMatches(text.replace(NETWORK_HEAD, " ").replace(BODY_HEAD, " ").replace(ARCHITECTURE_HEADS, " "), HEAD_WORD)
    : [];
  if (loose.length && lmContext) add("head-word", 1, loose[0]!);

  let circuitWeight = 0;
  for (const [rule, pattern, weight] of CIRCUIT_TERMS) {
    const m = pattern.exec(text);
    if (m && lmContext) {
      add(rule, weight, m[0]);
      circuitWeight += weight;
    }
  }

  if (networkHeads.length) add("network-head", -Math.min(3, networkHeads.length), networkHeads[0]!);
  if (bodyHeads.length) add("body-head", -3, bodyHeads[0]!);
  // "multi-head" alone is architecture; another mention of heads besides it is not.
  if (architectureHeads.length && !attentionHeads.length && !registryMatches.length && !headLevel.length && !loose.length) {
    add("architecture-heads", -1, architectureHeads[0]!);
  }

  for (const [rule, pattern, needsHead] of DESCRIPTIVE) {
    if (needsHead && !mentionsHead) continue;
    const m = pattern.exec(text);
    if (m) add(rule, 0, m[0]);
  }

  const score = signals.reduce((sum, s) => sum + s.weight, 0);
  return { score, passed: score >= threshold, signals, registryMatches };
}
