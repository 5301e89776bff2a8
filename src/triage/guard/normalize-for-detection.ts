// Letters that look like Latin ones (Cyrillic, Greek): "іgnore" with a Cyrillic і must read as "ignore".
const LOOK_ALIKES: Record<string, string> = {
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  і: "i", ї: "i", ј: "j", ԁ: "d", ѕ: "s", ԛ: "q", ԝ: "w", һ: "h", ӏ: "l",
  α: "a", β: "b", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ω: "w",
};
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join("")}]`, "g");

/**
 * The text as a reader (or a model) would read it, for spotting instructions hidden from a quick
 * look: compatibility forms folded (fullwidth, mathematical letters), invisible characters
 * removed, look-alike letters in Latin words mapped to Latin, LaTeX commands dropped but their arguments kept
 * (`\textcolor{white}{…}` hides nothing from a model), letter-by-letter spacing ("i g n o r e")
 * closed up, white space collapsed, lower case.
 */
export function normalizeForDetection(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, "")
    .toLowerCase()
    // Only inside words that mix in Latin letters: a Russian sentence stays Russian.
    .replace(/\p{L}+/gu, (word) => (/\p{Script=Latin}/u.test(word) ? word.replace(LOOK_ALIKE_PATTERN, (c) => LOOK_ALIKES[c]!) : word))
    .replace(/\\[a-z]+\*?/g, " ")
    .replace(/[{}$%]/g, " ")
    .replace(/\b(?:[a-z] ){2,}[a-z]\b/g, (run) => run.replace(/ /g, ""))
    .replace(/\s+/g, " ")
    .trim();
}
