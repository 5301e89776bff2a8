import { describe, expect, it } from "vitest";
import { DuplicateEntryError, insert, insertEntries } from "../../src/catalog/insert.ts";
import { parseCatalog } from "../../src/catalog/parse.ts";
import { HeadscoutError } from "../../src/errors.ts";
import { insertDrafts } from "../../src/scan/insert-drafts.ts";
import type { EntryDraft } from "../../src/triage/verdict.ts";
import { FORMATS, addedLines, newEntries, readFixture } from "./helpers.ts";

const [which, duo] = newEntries() as Record<string, unknown>[];

/** A new paper of the given date, with its own arXiv id. */
function paper(n: number, date: string): Record<string, unknown> {
  return {
    date,
    title: `A Generated Paper Number ${n} About Attention Heads`,
    summary: { kind: "prose", text: `Finding ${n}.` },
    tags: ["Induction Head"],
    links: [{ kind: "paper", label: "arXiv", url: `https://arxiv.org/abs/2401.${String(n).padStart(5, "0")}` }],
  };
}

const titles = (text: string) => parseCatalog(text).entries.map((e) => e.entry.title);

describe("insertEntries: many entries in one pass", () => {
  it("inserts the rest when some are refused, and says which were refused and why", () => {
    const html = readFixture("html.md");
    const listed = { ...duo, title: "Another take", links: [{ kind: "paper", label: "arXiv", url: "https://arxiv.org/abs/2404.15574v2" }] };
    const result = insertEntries(html, [which, listed, { ...duo, date: "2026-13-45" }, duo, { ...duo, title: "DuoAttention again" }]);

    expect(result.inserted).toEqual([0, 3]);
    expect(result.refused.map((r) => r.index)).toEqual([1, 2, 4]);
    expect(result.refused[0]!.error).toBeInstanceOf(DuplicateEntryError);
    expect(result.refused[0]!.error.message).toMatch(/'Another take' is already in the catalog at line 32 .*same arXiv id: 2404.15574/);
    expect(result.refused[1]!.error.message).toMatch(/^new entry 3 is invalid: date: 2026-13-45 is not a day of the calendar/);
    expect(result.refused[2]!.error.message).toMatch(/among the new entries .*same arXiv id: 2410.10819/);

    expect(addedLines(html, result.document)).toBeDefined();
    expect(titles(result.document).filter((t) => /Which Attention|DuoAttention|Another take/.test(t))).toEqual([
      "Which Attention Heads Matter for In-Context Learning?",
      "DuoAttention: Efficient Long-Context LLM Inference with Retrieval and Streaming Heads",
    ]);
  });

  it.each(FORMATS)("gives the same %s document as inserting the entries one call at a time", (format) => {
    const before = readFixture(`${format}.md`);
    // One per year: a bullet list orders papers by year only.
    const entries = [paper(1, "2024-06-01"), paper(2, "2023-01-15"), paper(3, "2022-12-30"), paper(4, "2021-05-05")];
    const oneByOne = entries.reduce<string>((text, entry) => insert(text, [entry]), before);
    expect(titles(insertEntries(before, entries).document)).toEqual(titles(oneByOne));
  });

  it("puts every paper of a new year into one new section, newest first", () => {
    const result = insertEntries(readFixture("html.md"), [paper(1, "2026-02-01"), paper(2, "2026-03-01"), paper(3, "2026-01-01")]);
    const doc = parseCatalog(result.document);
    expect(doc.sections.map((s) => s.title)).toEqual(["Year 2026", "Year 2024", "Year 2023", "Before ChatGPT Announced"]);
    expect(doc.entries.slice(0, 3).map((e) => e.entry.date)).toEqual(["2026-03-01", "2026-02-01", "2026-01-01"]);
  });

  it("takes the document parseCatalog already read, and leaves the text unchanged when everything is refused", () => {
    const html = readFixture("html.md");
    const doc = parseCatalog(html);
    expect(insertEntries(doc, [which]).document).toBe(insert(html, [which]));
    const none = insertEntries(doc, [{ ...duo, title: "" }]);
    expect(none).toMatchObject({ document: html, inserted: [], refused: [{ index: 0 }] });
  });

  it("insert throws the first refusal and changes nothing", () => {
    const html = readFixture("html.md");
    expect(() => insert(html, [which, { ...duo, date: "2025-02-30" }, { ...duo, title: "" }])).toThrow(/new entry 2 is invalid: date: 2025-02-30 is not a day of the calendar/);
  });
});

describe("insertDrafts (a scan's drafts)", () => {
  const draft = (entry: Record<string, unknown>): EntryDraft => ({ key: String(entry.title), entry: entry as EntryDraft["entry"], origin: "offline", label: "offline draft", flags: [] });

  it("inserts the drafts it can and reports the others with their reason", () => {
    const html = readFixture("html.md");
    const drafts = [draft(which!), draft({ ...duo, date: "2026-13-45" }), draft(duo!), draft({ ...duo, title: "DuoAttention, once more" })];
    const edit = insertDrafts(parseCatalog(html), drafts);
    expect(edit.inserted).toEqual([drafts[0], drafts[2]]);
    expect(edit.refused.map((r) => r.draft)).toEqual([drafts[1], drafts[3]]);
    expect(edit.refused[0]!.reason).toBe("new entry 2 is invalid: date: 2026-13-45 is not a day of the calendar");
    expect(edit.refused[1]!.reason).toMatch(/^'DuoAttention, once more' is already in the catalog among the new entries/);
    expect(addedLines(html, edit.document)).toBeDefined();
  });
});

describe("entry dates", () => {
  it.each(["2026-13-45", "2025-02-30", "2023-02-29", "2024-04-31", "2024-00-10"])("refuses %s, which is not a day of the calendar, naming the field", (date) => {
    const html = readFixture("html.md");
    expect(() => insert(html, [{ ...duo, date }])).toThrow(new RegExp(`^new entry 1 is invalid: date: ${date} is not a day of the calendar$`));
    expect(() => insert(html, [{ ...duo, date }])).toThrow(HeadscoutError);
  });

  it("accepts the 29th of February in a leap year", () => {
    const doc = parseCatalog(insert(readFixture("html.md"), [{ ...duo, date: "2024-02-29" }]));
    expect(doc.entries.find((e) => e.entry.title.startsWith("DuoAttention"))!.entry).toMatchObject({ date: "2024-02-29", section: "Year 2024" });
  });
});
