// Wording that addresses a language model rather than a reader. A paper containing it is sent to
// the LLM on its own (so it cannot sway other papers' answers) and held for a maintainer.
// Only imperatives count: papers *about* jailbreaks or system prompts (safety heads!) are common
// and must not be held.
const PATTERNS = [
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding|your|system)\s+(?:instructions?|prompts?|rules?|directions?)/i,
  /\b(?:you are|act as|pretend to be)\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language model|llm|chatgpt|reviewer|triage)/i,
  /\b(?:respond|answer|reply|output|return)\s+(?:only\s+)?(?:with|that|as)\b[^.]{0,40}\b(?:relevant|json|true|yes|confidence)/i,
  /\b(?:mark|classify|label|rate|tag)\s+(?:this|the)\s+(?:paper|abstract|submission)\s+(?:as|with)\b/i,
  /\b(?:LLMs?|language models?|AI (?:assistants?|reviewers?))\s+(?:reading|reviewing|triaging|processing) this\b/i,
];

/** The instruction-like passage of a title/abstract, if any. */
export function findInstructionLikeText(text: string): string | undefined {
  for (const pattern of PATTERNS) {
    const m = pattern.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

/** The flag a verdict carries when its paper's text addresses the model. */
export function injectionFlag(passage: string): string {
  return `instruction-like text in the abstract: "${passage}"`;
}

export const INJECTION_REASON = "the abstract contains instructions addressed to a model; a maintainer should judge it";
