import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../../src/catalog/parse.ts";
import { loadHeadRegistry } from "../../../src/catalog/registry.ts";
import { checkSubmission } from "../../../src/github/intake/check-submission.ts";
import { proposeSubmission } from "../../../src/github/intake/draft.ts";
import { recordSubmission } from "../../../src/github/intake/record-submission.ts";
import { markMerged } from "../../../src/github/ledger/mark-merged.ts";
import { markRejected } from "../../../src/github/ledger/mark-rejected.ts";
import { recordProposal } from "../../../src/github/ledger/record-proposal.ts";
import { recordScan } from "../../../src/github/ledger/record-scan.ts";
import { emptyLedger, type Ledger } from "../../../src/github/ledger/schema.ts";
import type { Paper } from "../../../src/sources/paper.ts";
import { projectRoot } from "../../helpers/shared.ts";
import { scanResult, SHA, verdict } from "../ledger/build.ts";
import { ITERATION_HEAD, RETRIEVAL_HEAD } from "./helpers.ts";

const catalog = parseCatalog(readFileSync(join(projectRoot, "tests", "fixtures", "catalogs", "html.md"), "utf8"), { registry: loadHeadRegistry() });
const at = new Date("2026-06-03T06:00:00Z");
const v2 = (paper: Paper): Paper => ({ ...paper, ids: { ...paper.ids, arxivVersion: 2 }, title: `${paper.title} (revised)` });

/** A ledger that has seen the paper and proposed it in #42. */
function proposedIn42(paper: Paper): Ledger {
  const ledger = emptyLedger();
  recordScan(ledger, scanResult({ verdicts: [verdict(paper, "relevant")] }), { at, trigger: "schedule" });
  recordProposal(ledger, { pr: 42, branch: "headscout/papers", mode: "grouped", papers: [`arxiv:${paper.ids.arxiv}`], headSha: SHA.a, baseSha: SHA.b, at });
  return ledger;
}

describe("checkSubmission", () => {
  it("lets a new paper through", () => {
    expect(checkSubmission(ITERATION_HEAD, catalog, emptyLedger())).toEqual({ kind: "new", key: "arxiv:2406.02128", notes: [] });
  });

  it("finds the row that already lists it, by identity (another version, another title)", () => {
    const check = checkSubmission(v2(RETRIEVAL_HEAD), catalog, emptyLedger(), { catalogUrl: "https://github.com/o/r/blob/main/README.md" });
    expect(check).toMatchObject({ kind: "listed", key: "arxiv:2404.15574", title: "Retrieval Head Mechanistically Explains Long-Context Factuality", line: 32, section: "Year 2024", matchedBy: "arxiv" });
    expect(check.kind !== "new" && check.reply).toBe(
      "Thanks for the submission! [“Retrieval Head Mechanistically Explains Long-Context Factuality (revised)”](https://arxiv.org/abs/2404.15574) (arXiv 2404.15574) is already in the catalog: “Retrieval Head Mechanistically Explains Long-Context Factuality”, [`README.md` line 32](https://github.com/o/r/blob/main/README.md#L32), under “Year 2024”. Nothing to add.",
    );
  });

  it("names the open pull request that proposes it", () => {
    const check = checkSubmission(ITERATION_HEAD, catalog, proposedIn42(ITERATION_HEAD));
    expect(check).toMatchObject({ kind: "proposed", key: "arxiv:2406.02128", pr: 42 });
    expect(check.kind !== "new" && check.reply).toMatch(/ is already proposed in #42; a maintainer reviews it there\.$/);
  });

  it("names the pull request that merged it", () => {
    const ledger = proposedIn42(ITERATION_HEAD);
    markMerged(ledger, 42, { at });
    const check = checkSubmission(ITERATION_HEAD, catalog, ledger);
    expect(check).toMatchObject({ kind: "merged", pr: 42 });
    expect(check.kind !== "new" && check.reply).toMatch(/ was added to the catalog in #42\.$/);
  });

  it.each([
    ["closed", "was turned down in #42 by alice on 2026-06-04"],
    ["unticked", "was unticked in #42 by alice on 2026-06-04"],
    ["dropped", "was dropped from #42 by alice on 2026-06-04"],
  ] as const)("says when and where it was rejected (%s), and how a maintainer lifts that", (how, said) => {
    const ledger = proposedIn42(ITERATION_HEAD);
    markRejected(ledger, ["arxiv:2406.02128"], { pr: 42, how, by: "alice", at: new Date("2026-06-04T10:00:00Z") });
    const check = checkSubmission(v2(ITERATION_HEAD), catalog, ledger, { command: "@scout" });
    expect(check).toMatchObject({ kind: "rejected", key: "arxiv:2406.02128", pr: 42, at: "2026-06-04T10:00:00.000Z", how, by: "alice" });
    expect(check.kind !== "new" && check.reply).toContain(`${said}, so headscout does not propose it again. A maintainer can lift that with \`@scout reconsider arxiv:2406.02128\`.`);
  });

  it("is no duplicate when headscout judged the paper irrelevant: a reader asked for it, and the pull request says what headscout thought", () => {
    const ledger = emptyLedger();
    recordScan(ledger, scanResult({ verdicts: [verdict(ITERATION_HEAD, "irrelevant", { rationale: "about reasoning, not heads" })] }), { at, trigger: "schedule" });
    expect(checkSubmission(ITERATION_HEAD, catalog, ledger)).toEqual({
      kind: "new",
      key: "arxiv:2406.02128",
      notes: ["headscout judged this paper irrelevant on 2026-06-03: about reasoning, not heads."],
    });
  });

  it("escapes what it quotes: a paper's title and a catalog row cannot mention or link", () => {
    const hostile = { ...RETRIEVAL_HEAD, title: "@octocat Fixes #1 <img src=x>" };
    const check = checkSubmission(hostile, catalog, emptyLedger());
    expect(check.kind).toBe("listed");
    const reply = check.kind !== "new" ? check.reply : "";
    expect(reply).not.toMatch(/@\w|#\d|<img/);
  });
});

describe("recordSubmission", () => {
  it("puts the submitted paper into the ledger so its pull request can be recorded, and later submissions see it proposed", () => {
    const ledger = emptyLedger();
    const proposed = proposeSubmission(ITERATION_HEAD, { headNames: ["Iteration Head"], summary: ["a b"] }, loadHeadRegistry(), { login: "reader", issue: 31 });
    expect(recordSubmission(ledger, proposed, at)).toBe("arxiv:2406.02128");
    expect(ledger.papers["arxiv:2406.02128"]).toMatchObject({
      state: "judged",
      verdict: { decision: "relevant", stage: "submission", rationale: "submitted with the issue form (issue #31) by @reader; headscout did not judge it" },
      paper: { ids: { arxiv: "2406.02128" } },
    });
    recordProposal(ledger, { pr: 57, branch: "headscout/paper-2406.02128", mode: "per-paper", papers: [proposed.draft.key], headSha: SHA.a, baseSha: SHA.b, at });
    expect(checkSubmission(ITERATION_HEAD, catalog, ledger)).toMatchObject({ kind: "proposed", pr: 57 });
  });

  it("leaves a rejection standing", () => {
    const ledger = proposedIn42(ITERATION_HEAD);
    markRejected(ledger, ["arxiv:2406.02128"], { pr: 42, how: "closed", at });
    const proposed = proposeSubmission(ITERATION_HEAD, { headNames: [], summary: [] }, loadHeadRegistry(), { login: "reader", issue: 31 });
    recordSubmission(ledger, proposed, at);
    expect(ledger.papers["arxiv:2406.02128"]?.state).toBe("rejected");
  });
});
