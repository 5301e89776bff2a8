const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;

const month = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const pad = (n: number) => String(n).padStart(2, "0");

type Parts = [year: number, month?: number, day?: number];

const FORMS: { pattern: RegExp; parts: (m: RegExpExecArray) => Parts }[] = [
  { pattern: /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/, parts: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  { pattern: new RegExp(String.raw`\b${DAY}\s+${MONTH},?\s+(\d{4})\b`, "i"), parts: (m) => [+m[3]!, month(m[2]!), +m[1]!] },
  { pattern: new RegExp(String.raw`\b${MONTH}\s+${DAY},?\s+(\d{4})\b`, "i"), parts: (m) => [+m[3]!, month(m[1]!), +m[2]!] },
  { pattern: new RegExp(String.raw`\b${MONTH},?\s+(\d{4})\b`, "i"), parts: (m) => [+m[2]!, month(m[1]!)] },
  { pattern: /\b(\d{4})[-/.](\d{1,2})\b(?![-/.]\d)/, parts: (m) => [+m[1]!, +m[2]!] },
];

/**
 * The date a submitter typed, as `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (as precise as they were):
 * ISO dates, `2024/07/03`, `3 July 2024`, `July 3, 2024`, `Jul 2024`, `2024-07`, `2024`. An
 * unreadable date, a day the calendar lacks, or `03/07/2024` (3 July or 7 March?) is a problem,
 * said as the rest of a sentence ("is not a day of the calendar").
 */
export function parseSubmittedDate(text: string): string | { problem: string } {
  for (const { pattern, parts } of FORMS) {
    const m = pattern.exec(text);
    if (m) return checked(parts(m));
  }
  const dayFirst = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/.exec(text);
  if (dayFirst) {
    const [a, b, year] = [+dayFirst[1]!, +dayFirst[2]!, +dayFirst[3]!];
    if (a > 12 && b <= 12) return checked([year, b, a]);
    if (b > 12 && a <= 12) return checked([year, a, b]);
    return { problem: `could be read two ways (day first or month first)` };
  }
  const year = /\b(19|20)\d{2}\b/.exec(text);
  if (year) return checked([+year[0]]);
  return { problem: "is not a date I can read" };
}

function checked([year, monthNumber, day]: Parts): string | { problem: string } {
  if (year < 1900 || year > 2100) return { problem: `has the year ${year}, which cannot be right` };
  if (monthNumber === undefined) return String(year);
  if (monthNumber < 1 || monthNumber > 12) return { problem: "has no month 1 to 12 where the month should be" };
  if (day === undefined) return `${year}-${pad(monthNumber)}`;
  const iso = `${year}-${pad(monthNumber)}-${pad(day)}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(iso)) return { problem: "is not a day of the calendar" };
  return iso;
}
