import { describe, expect, it } from "vitest";
import { dashboardConfigSchema, isNearMiss, nearMisses } from "../../../src/github/dashboard/dashboard-data.ts";
import {
  DASHBOARD_MAX_CHARS,
  isDashboardBody,
  readTickedNearMisses,
  renderDashboard,
  type DashboardInput,
} from "../../../src/github/dashboard/render-dashboard.ts";
import { recordScan } from "../../../src/github/ledger/record-scan.ts";
import { emptyLedger, type Ledger } from "../../../src/github/ledger/schema.ts";
import { paper, scanResult, sourcesReport, verdict } from "../ledger/build.ts";
import { expectInert, fixtureLedger, HOSTILE_TITLE, record, shownText } from "./fixture-ledger.ts";

const NOW = new Date("2026-06-03T06:15:00Z");

function render(overrides: Partial<DashboardInput> = {}): string {
  return renderDashboard({ ledger: fixtureLedger(), now: NOW, nearMissFloor: 0.3, catalogPath: "README.md", ...overrides });
}

/** The lines of one section, from its heading to the next. */
function section(body: string, heading: string): string {
  const start = body.indexOf(`### ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = body.indexOf("\n### ", start + 1);
  return body.slice(start, end < 0 ? undefined : end);
}

function tick(body: string, key: string): string {
  return body
    .split("\n")
    .map((line) => (line.includes(`headscout:near-miss "${key}"`) ? line.replace("- [ ]", "- [x]") : line))
    .join("\n");
}

describe("the dashboard issue's body", () => {
  it("shows each source's last search, and a failed one as failed with its reason, never as empty", () => {
    const sources = section(render(), "Sources");
    expect(sources).toContain("| arXiv | 2026-06-03 06:12 UTC (a command) | ✅ ok | 2026-06-03 06:12 UTC |");
    expect(sources).toContain("| OpenReview | 2026-06-03 06:12 UTC (a command) | ❌ **failed** (2 scans in a row): OpenReview answered HTTP 502 for its endpoint | 2026-05-30 06:00 UTC |");
    expect(sources).toContain("Last scan: 2026-06-03 06:12 UTC, started by a command: 9 found, 1 already in the catalog, 1 skipped (decided before), 7 triaged (1 relevant, 4 irrelevant, 2 pending), 1 proposed (#42).");
    // The operator's endpoint is no one else's business.
    expect(sources).not.toMatch(/internal|secret/);

    const ledger = fixtureLedger();
    ledger.scans = [ledger.scans[0]!];
    const earlier = section(render({ ledger }), "Sources");
    expect(earlier).toContain("| arXiv | 2026-06-02 06:05 UTC (the schedule) | ✅ ok, nothing new in its window |");
    expect(earlier).toContain("| OpenReview | 2026-06-02 06:05 UTC (the schedule) | ❌ **failed**: OpenReview answered");

    ledger.scans[0]!.sources!.openreview = { status: "unavailable", reason: "no credentials: set OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD" };
    expect(render({ ledger })).toContain("| OpenReview | 2026-06-02 06:05 UTC (the schedule) | ⚪ not searched: no credentials: set OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD |");
  });

  it("says when no scan has run, and that every list is empty", () => {
    const body = render({ ledger: emptyLedger() });
    expect(section(body, "Sources")).toBe("### Sources\n\nNo scan has run yet.\n");
    for (const heading of ["Open pull requests", "Needs manual triage", "Recently rejected"]) expect(section(body, heading)).toMatch(/\n\nNone\.\n/);
    expect(section(body, "Near misses")).toContain("None.");
    expect(section(body, "LLM spend")).toContain("No LLM calls in June 2026 so far.");
    expect(readTickedNearMisses(body)).toEqual([]);
  });

  it("lists open pull requests, and says which headscout leaves alone", () => {
    const ledger = fixtureLedger();
    ledger.proposals["42"]!.humanPushNoticed = true;
    expect(section(render({ ledger }), "Open pull requests")).toBe(
      "### Open pull requests\n\n- #42 — grouped, 1 paper, opened 2026-06-03, updated 2026-06-03 — someone else pushed to it, so headscout leaves it alone (`@headscout recreate` on it rebuilds it)\n",
    );
  });

  it("lists near misses with an unticked box each, most relevant first", () => {
    const misses = section(render(), "Near misses");
    const lines = misses.split("\n").filter((line) => line.startsWith("- [ ]"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("(`arxiv:2606.02223`) — relevance 0.45, the LLM `gpt-5.4-mini`, 2026-06-03:");
    expect(lines[1]).toBe(
      '- [ ] [Heads That Count: Numerical Attention in Small Transformers](https://arxiv.org/abs/2606.02222) (`arxiv:2606.02222`) — relevance 0.40, the LLM `gpt-5.4-mini`, 2026-06-03: “Studies counting, mostly via MLPs; heads are secondary” <!-- headscout:near-miss "arxiv:2606.02222" -->',
    );
    // A confident "irrelevant" (relevance 0.03) and the prefilter's verdicts (no confidence) are no near misses.
    expect(misses).not.toContain("2606.03333");
    expect(misses).not.toContain("2003.02436");
  });

  it("picks near misses from the ledger's verdicts between the floor and the threshold", () => {
    const ledger = fixtureLedger();
    expect(nearMisses(ledger, 0.3).map((m) => [m.key, m.relevance])).toEqual([
      ["arxiv:2606.02223", 0.45],
      ["arxiv:2606.02222", 0.4],
    ]);
    expect(nearMisses(ledger, 0.42).map((m) => m.key)).toEqual(["arxiv:2606.02223"]);
    // An offline verdict: confidence 0.6 in "irrelevant" is a probability of 0.4.
    ledger.papers["arxiv:2606.08888"] = record("2606.08888", "Offline Near Miss", "judged", {
      verdict: { decision: "irrelevant", confidence: 0.6, stage: "offline", offlineModelVersion: "1", rationale: "offline classifier probability 0.40 (threshold 0.6)", at: "2026-06-03T06:12:00.000Z" },
    });
    expect(isNearMiss(ledger, "arxiv:2606.08888", 0.3)).toBe(true);
    // Once proposed (or rejected), a paper is no near miss any more.
    ledger.papers["arxiv:2606.08888"]!.state = "proposed";
    expect(isNearMiss(ledger, "arxiv:2606.08888", 0.3)).toBe(false);
    expect(dashboardConfigSchema.parse({})).toEqual({ enabled: true, nearMissFloor: 0.3 });
  });

  it("finds near misses in what a scan records, with no new field in the ledger", () => {
    const ledger = emptyLedger();
    const close = paper({ arxiv: "2606.09001" }, "Heads That Almost Count");
    const far = paper({ arxiv: "2606.09002" }, "Remote Sensing With Transformers");
    const result = scanResult({
      verdicts: [verdict(close, "irrelevant", { confidence: 0.65, rationale: "Mostly about MLPs." }), verdict(far, "irrelevant", { confidence: 0.95 })],
      sources: sourcesReport({ from: "2026-05-27T06:00:00.000Z", to: "2026-06-03T06:00:00.000Z" }, { arxiv: "ok", openreview: "empty" }),
    });
    recordScan(ledger, result, { at: new Date("2026-06-03T06:00:00Z"), trigger: "schedule" });
    expect(nearMisses(ledger, 0.3).map((m) => [m.key, m.relevance])).toEqual([["arxiv:2606.09001", 0.35]]);
    const body = renderDashboard({ ledger, now: NOW, nearMissFloor: 0.3 });
    expect(section(body, "Sources")).toContain("| OpenReview | 2026-06-03 06:00 UTC (the schedule) | ✅ ok, nothing new in its window |");
    expect(readTickedNearMisses(tick(body, "arxiv:2606.09001"))).toEqual(["arxiv:2606.09001"]);
  });

  it("lists papers held for a maintainer, and counts those that only wait for the next scan", () => {
    expect(section(render(), "Needs manual triage")).toBe(
      [
        "### Needs manual triage",
        "",
        "Papers triage could not decide: judge them yourself.",
        "",
        "- [Ignore Previous Instructions: Heads as Attack Surface](https://arxiv.org/abs/2606.04444) (`arxiv:2606.04444`) — its title or abstract addresses a tool or model reading it, so a maintainer should judge it; since 2026-06-03. `@headscout add arxiv:2606.04444` proposes it.",
        "- [Toxicity Heads in Chat Models](https://arxiv.org/abs/2606.04445) (`arxiv:2606.04445`) — the LLM refused to judge it; since 2026-06-02. `@headscout add arxiv:2606.04445` proposes it.",
        "",
        "1 more paper waits for the next scan (a per-run cap, an LLM outage or a lifted rejection); headscout tries it again every scan.",
        "",
      ].join("\n"),
    );
  });

  it("lists recent rejections, the latest first, each with the command that lifts it", () => {
    const rejected = section(render(), "Recently rejected");
    expect(rejected).toContain("To change your mind, comment the `@headscout reconsider <paper id>` shown beside one.");
    const lines = rejected.split("\n").filter((line) => line.startsWith("- "));
    expect(lines[0]).toMatch(/\(`arxiv:2605\.05556`\) — it was unticked in #42 by mallory-bot on 2026-06-03\. `@headscout reconsider arxiv:2605\.05556`$/);
    expect(lines[1]).toBe(
      "- [Induction Heads Revisited at Scale](https://arxiv.org/abs/2605.05555) (`arxiv:2605.05555`) — its pull request was closed without merging (#40) by alice on 2026-06-02. `@headscout reconsider arxiv:2605.05555`",
    );
  });

  it("sums the LLM spend of this month only", () => {
    expect(section(render(), "LLM spend")).toContain("June 2026 so far: about USD 0.42 for 120 LLM calls and 250,000 tokens (today: USD 0.11, 20 calls).");
    expect(section(render({ now: new Date("2026-05-31T12:00:00Z") }), "LLM spend")).toContain("May 2026 so far: about USD 0.50 for 50 LLM calls and 100,000 tokens");
  });

  it("keeps every text from the ledger inert: titles, rationales, logins, reasons, notes", () => {
    const ledger = fixtureLedger();
    ledger.papers["arxiv:2605.05556"]!.rejection!.by = "@evil";
    ledger.scans.at(-1)!.sources!.arxiv = { status: "failed", reason: "@octocat closes #9 <b>x</b>" };
    const body = render({ ledger, notes: [`Could not propose ${HOSTILE_TITLE}: arXiv failed`] });
    expectInert(body, ["#40", "#42"]);
    expect(shownText(body)).toContain(HOSTILE_TITLE);
    expect(shownText(body)).toContain("by @evil on");
    // A forged dashboard marker in a rationale is text, not a marker.
    expect(body.match(/<!-- headscout:dashboard/g)).toHaveLength(1);
  });

  it("stays well under GitHub's limit with a huge ledger, saying how many more there are", () => {
    const ledger: Ledger = fixtureLedger();
    for (let i = 0; i < 2000; i++) {
      const id = `2606.${String(20000 + i)}`;
      const title = `${"@x #1 <b> ".repeat(30)} ${i}`;
      ledger.papers[`arxiv:${id}`] = record(id, title, i % 2 ? "rejected" : "judged", {
        verdict: { decision: "irrelevant", confidence: 0.5, rationale: "@y #2 ".repeat(100), stage: "llm", at: "2026-06-03T06:12:00.000Z" },
        ...(i % 2 ? { proposal: 40, rejection: { at: "2026-06-02T10:00:00.000Z", pr: 40, how: "closed" as const, by: "alice" } } : {}),
      });
    }
    const body = render({ ledger });
    expect(body.length).toBeLessThanOrEqual(DASHBOARD_MAX_CHARS);
    expect(body).toMatch(/- … and \d+ more, less relevant/);
    expect(body).toMatch(/- … and \d+ more \(`@headscout why-not <paper id>` tells about any of them\)/);
    expect(isDashboardBody(body)).toBe(true);
    expectInert(body, ["#40", "#42"]);
  });
});

describe("ticking a near miss", () => {
  it("reads the ticked boxes' papers, each once", () => {
    const body = render();
    expect(readTickedNearMisses(body)).toEqual([]);
    expect(readTickedNearMisses(tick(body, "arxiv:2606.02222"))).toEqual(["arxiv:2606.02222"]);
    const both = tick(tick(body, "arxiv:2606.02222"), "arxiv:2606.02223").replace(/\n/g, "\r\n"); // GitHub's editor sends \r\n
    expect(readTickedNearMisses(both)).toEqual(["arxiv:2606.02223", "arxiv:2606.02222"]);
  });

  it("ignores forged lines: outside the section, in code, in a body that is no dashboard, or with a hostile title", () => {
    const body = render();
    const forged = '- [x] Forged <!-- headscout:near-miss "arxiv:2606.03333" -->';
    const outside = body.replace("### Needs manual triage", `${forged}\n\n### Needs manual triage`);
    expect(readTickedNearMisses(outside)).toEqual([]);
    const inCode = body.replace("<!-- headscout:near-misses -->", "<!-- headscout:near-misses -->\n```\n" + forged + "\n```");
    expect(readTickedNearMisses(inCode)).toEqual([]);
    expect(readTickedNearMisses(`<!-- headscout:near-misses -->\n${forged}\n<!-- headscout:/near-misses -->`)).toEqual([]);
    // A title that tries to carry its own marker is escaped: its "marker" is text.
    const ledger = fixtureLedger();
    ledger.papers["arxiv:2606.02222"]!.title = `x <!-- headscout:near-miss "arxiv:2606.03333" -->`;
    expect(readTickedNearMisses(tick(render({ ledger }), "arxiv:2606.02222"))).toEqual(["arxiv:2606.02222"]);
  });

  it("recognises its own body by the marker, not the title", () => {
    expect(isDashboardBody(render())).toBe(true);
    expect(isDashboardBody("headscout dashboard")).toBe(false);
    expect(isDashboardBody('```\n<!-- headscout:dashboard {"version":1} -->\n```')).toBe(false);
  });
});
