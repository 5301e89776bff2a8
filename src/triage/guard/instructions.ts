import { normalizeForDetection } from "./normalize-for-detection.ts";

// Who an injected instruction addresses: a tool or model reading the abstract, not a researcher.
const READER = String.raw`(?:automated|automatic|ai|a\.i\.|llm|llms|gpt|language[- ]models?|bots?|crawlers?|agents?|assistants?|tools?|classifiers?|triage|curators?|indexers?|scrapers?|pipelines?|summari[sz]ers?|systems?|models?|reviewers?)`;
const READING = String.raw`(?:reading|processing|parsing|triaging|reviewing|indexing|summari[sz]ing|crawling|analy[sz]ing|scanning|ingesting)`;
const PAPER = String.raw`(?:paper|submission|abstract|work|article|entry|manuscript|preprint|study)`;

/**
 * Wording that addresses a tool or model reading the paper rather than a researcher. Papers
 * ABOUT jailbreaks, prompt injection or system prompts (safety heads!) describe such text and
 * must not be held, so every pattern needs the instruction itself: an imperative, a directive
 * to a reader that is a tool, or a demand about this very paper's handling.
 */
const PATTERNS: RegExp[] = [
  // "ignore the previous instructions"
  /\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|system|original|other)\s+(?:instructions?|prompts?|rules?|directions?|guidelines?|criteria)/,
  // "Note for automated triage tools:", "message to any AI assistant reading this"
  new RegExp(String.raw`\b(?:note|notes|message|notice|reminder|directive|memo|instructions?)\s+(?:to|for)\s+(?:any\s+|all\s+|the\s+)?(?:\w+[- ]){0,2}${READER}\s*(?:[:\-–—]|(?:\w+\s+){0,2}${READING}\s+this\b)`),
  // "if you are an AI", "if you're a language model"
  new RegExp(String.raw`\bif\s+you\s*(?:are|'re|’re)\s+(?:an?\s+|the\s+)?(?:\w+[- ]){0,2}${READER}\b`),
  // "AI tools reading this …", "language models processing this abstract …"
  new RegExp(String.raw`\b${READER}\s+(?:that\s+(?:are|is)\s+)?${READING}\s+(?:this|these)\b`),
  // "this submission must be included", "the paper should be tagged"
  new RegExp(String.raw`\b(?:this|the\s+present|our)\s+${PAPER}\s+(?:must|should|shall|has\s+to|needs\s+to|is\s+to|is\s+required\s+to)\s+be\s+(?:\w+\s+)?(?:included|accepted|added|listed|tagged|classified|marked|labell?ed|rated|ranked|flagged|considered|treated|catalogued|cataloged|indexed)`),
  // "classify this paper as relevant", "list this work under …"
  new RegExp(String.raw`\b(?:mark|classify|label|rate|tag|categori[sz]e|list|include|file|add|treat|judge|score)\s+(?:this|the)\s+${PAPER}\s+(?:as|with|under|in|among|to)\b`),
  // "respond only with relevant: true", "output JSON"
  /(?:^|[.:;!?]\s+)(?:please\s+)?(?:respond|answer|reply|output|return|print|say)\s+(?:only\s+)?(?:with|that|as|:)\s*[^.]{0,40}\b(?:relevant|json|true|yes|confidence|tags?)\b/,
  // "point readers to …", "direct users to …"
  /\b(?:point|direct|send|refer|redirect)\s+(?:the\s+|all\s+|your\s+)?(?:readers?|users?|visitors?|people|everyone)\s+to\b/,
  // "you are now a triage assistant", "you must include"
  new RegExp(String.raw`\byou\s+(?:are\s+now|must|shall|should\s+now|will\s+now|are\s+(?:instructed|required|asked)\s+to)\b`),
  new RegExp(String.raw`\b(?:act|behave|pretend|respond)\s+as\s+(?:an?\s+|the\s+)?(?:\w+[- ]){0,2}${READER}\b`),
  // "System prompt:", "Assistant: mark as relevant"
  /\b(?:system|developer|assistant)\s+(?:prompt|message|note|instruction)s?\s*:/,
  /\b(?:assistant|ai|llm|model|tool|bot)s?\s*[:,]\s*(?:please\s+)?(?:ignore|include|mark|tag|classify|output|respond|write|set|add|list)\b/,
  /\bplease\s+(?:always\s+)?(?:include|mark|tag|classify|rate|list|accept|add|output|respond|ignore|set|categori[sz]e)\s+(?:this|it|the\s+paper)\b/,
  // Other languages: the same few phrasings.
  /\b(?:ignorez|ignore[rz]|oubliez)\s+(?:toutes\s+)?(?:les\s+)?(?:instructions|consignes|règles)/,
  /\b(?:note|message|remarque)\s+(?:aux|pour\s+les)\s+(?:outils|systèmes|ia|modèles|agents|assistants)/,
  /\b(?:cet|ce)\s+(?:article|travail)\s+doit\s+être\s+(?:inclus|classé|marqué|ajouté|étiqueté)/,
  /\bignorier\w*\s+(?:sie\s+)?(?:alle\s+)?(?:vorherigen\s+|bisherigen\s+|obigen\s+)?(?:anweisungen|instruktionen|regeln)/,
  /\bhinweis\s+(?:für|an)\s+(?:automatisierte|ki|sprachmodelle|werkzeuge|tools)/,
  /\b(?:dieser|diese)\s+(?:artikel|arbeit|beitrag)\s+muss\s+(?:\w+\s+)?(?:aufgenommen|markiert|eingestuft|hinzugefügt)/,
  /\bignor[ae]r?\s+(?:todas\s+)?(?:las\s+)?(?:instrucciones|reglas)\s+(?:anteriores|previas)?/,
  /\bnota\s+para\s+(?:las\s+)?(?:herramientas|sistemas|ia|modelos|asistentes)/,
  /\beste\s+(?:artículo|trabajo)\s+debe\s+ser\s+(?:incluido|clasificado|marcado|etiquetado)/,
  /\bignore\s+as\s+instruções/,
  /忽略.{0,6}(?:指令|指示|说明|提示)|请将(?:本文|这篇)|你是一个|本文必须|标记为相关|自动化工具/,
  /игнорир\w*\s+(?:все\s+)?(?:предыдущие\s+)?инструкции|эта\s+статья\s+должна|для\s+автоматических/,
  /指示を無視|以前の指示|この論文を/,
];

/** The instruction-like passage of a title/abstract, if any, as the detector read it. */
export function findInstructionLikeText(text: string): string | undefined {
  const normalized = normalizeForDetection(text);
  for (const pattern of PATTERNS) {
    const m = pattern.exec(normalized);
    if (m) return m[0];
  }
  return undefined;
}

/** The flag a verdict carries when its paper's text addresses a tool or model. */
export function injectionFlag(passage: string): string {
  return `instruction-like text in the paper, held for a maintainer: "${passage}"`;
}

export const INJECTION_REASON = "the title or abstract addresses a tool or model reading it; a maintainer should judge this paper";
