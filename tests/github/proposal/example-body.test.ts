import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { entrySchema } from "../../../src/catalog/entry.ts";
import { parseCatalog } from "../../../src/catalog/parse.ts";
import { loadHeadRegistry } from "../../../src/catalog/registry.ts";
import { parsePapersFile } from "../../../src/sources/read-papers-file.ts";
import { triageConfigSchema } from "../../../src/triage/config.ts";
import { loadOfflineModel } from "../../../src/triage/offline/model.ts";
import { triagePapers } from "../../../src/triage/run.ts";
import { draftEntry, type Verdict } from "../../../src/triage/verdict.ts";
import { parseProposalMarker, renderProposalBody, type ProposedPaper } from "../../../src/github/proposal/index.ts";
import { hasShared, projectRoot, sharedMissingReason, sharedPath } from "../../helpers/shared.ts";
import { grouped, makeProposedPaper, yamlBlocks } from "./make-paper.ts";

const registry = loadHeadRegistry();
const recorded = parsePapersFile(readFileSync(join(projectRoot, "tests/fixtures/papers/sources-output.json"), "utf8"), "sources-output.json");

describe("a body for the recorded papers, triaged offline as a user without an API key would", async () => {
  const report = await triagePapers(recorded, { config: triageConfigSchema.parse({}), registry, mode: "offline", offlineModel: loadOfflineModel() });
  const papers = report.verdicts.flatMap((verdict) => {
    const draft = draftEntry(verdict);
    return draft ? [{ verdict, draft }] : [];
  });
  const { body } = renderProposalBody(
    grouped(papers, { provenance: { ...grouped([]).provenance, triage: { mode: "offline", offlineModelVersion: loadOfflineModel().version } } }),
  );

  it("proposes the relevant papers in a table and a checklist", () => {
    expect(body.split("\n").filter((line) => line.startsWith("| ") || line.startsWith("- [x]"))).toMatchInlineSnapshot(`
      [
        "| Paper | Date | Venue | Tags | Confidence | Draft |",
        "| [Successor Heads: Recurring, Interpretable Attention Heads In The Wild](https://arxiv.org/abs/2312.09230) | 2023-12-14 | arXiv | Successor Head | 1.00 | offline draft — check tags and summary |",
        "| [RazorAttention: Efficient KV Cache Compression Through Retrieval Heads](https://arxiv.org/abs/2407.15891) | 2024-07-22 | arXiv | Retrieval Head | 1.00 | offline draft — check tags and summary |",
        "- [x] Successor Heads: Recurring, Interpretable Attention Heads In The Wild (\`arxiv:2312.09230\`) <!-- headscout:paper "arxiv:2312.09230" -->",
        "- [x] RazorAttention: Efficient KV Cache Compression Through Retrieval Heads (\`arxiv:2407.15891\`) <!-- headscout:paper "arxiv:2407.15891" -->",
      ]
    `);
  });

  it("shows each drafted entry as YAML a script can read back", () => {
    const entries = yamlBlocks(body).map((block) => entrySchema.parse(parse(block)));
    expect(entries).toEqual(papers.map(({ draft }) => ({ ...draft.entry, ids: undefined })));
    expect(yamlBlocks(body)[1]).toMatchInlineSnapshot(`
      "date: "2024-07-22"
      title: "RazorAttention: Efficient KV Cache Compression Through Retrieval Heads"
      tags:
        - "Retrieval Head"
      summary:
        kind: "bullets"
        bullets:
          - "We propose a compression technique for the KV cache that preserves all token information."
          - "Our investigation reveals that most attention heads primarily focus on the local context, while only a few heads, denoted as retrieval heads, can attend to all input tokens."
          - "RazorAttention reduces the KV cache size by over 70% without noticeable impact on performance."
      links:
        - kind: "paper"
          label: "arXiv"
          url: "https://arxiv.org/abs/2407.15891""
    `);
  });

  it("names the offline classifier and carries the paper ids in its marker", () => {
    expect(body).toMatch(/^- Triage: the offline classifier \(model `[^`]+`\), no LLM$/m);
    expect(parseProposalMarker(body)?.papers).toEqual(["arxiv:2312.09230", "arxiv:2407.15891"]);
  });
});

/** The latest catalog version's entry for an arXiv paper, as the maintainers wrote it. */
function catalogEntry(arxivId: string) {
  const dir = sharedPath("catalog-history");
  const latest = readdirSync(dir).filter((f) => f.endsWith(".md")).sort().at(-1)!;
  return parseCatalog(readFileSync(join(dir, latest), "utf8"), { registry }).entries.find((e) => e.entry.ids?.arxiv === arxivId)!.entry;
}

describe.skipIf(!hasShared)(`a body for a real catalog-history paper (${hasShared ? sharedPath("catalog-history") : sharedMissingReason})`, () => {
  it("renders the maintainers' own entry, whole, as the body's YAML and table row", () => {
    const entry = catalogEntry("2407.15891");
    const paper = recorded.find((p) => p.ids.arxiv === "2407.15891")!;
    const base = makeProposedPaper(0, { paper });
    const verdict: Verdict = {
      ...base.verdict,
      key: "arxiv:2407.15891",
      confidence: 0.93,
      rationale: "Identifies retrieval heads, a small set of heads that attend to all input tokens, and builds KV cache compression on them.",
      tags: [{ name: "Retrieval Head", evidence: "only a few heads, denoted as retrieval heads" }],
      summary: entry.summary.kind === "bullets" ? entry.summary.bullets : [],
    };
    const proposed: ProposedPaper = { verdict, draft: draftEntry(verdict)! };
    const { body } = renderProposalBody(grouped([proposed], { mode: "per-paper" }));
    expect(body).toContain(
      "| [RazorAttention: Efficient KV Cache Compression Through Retrieval Heads](https://arxiv.org/abs/2407.15891) | 2024-07-22 | arXiv | Retrieval Head | 0.93 | LLM draft |",
    );
    const [yaml] = yamlBlocks(body);
    const { date, title, tags, summary, links } = entry;
    expect(entrySchema.parse(parse(yaml!))).toEqual({ date, title, tags, summary, links });
  });
});
