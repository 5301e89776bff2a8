import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import type { Paper } from "../../src/sources/paper.ts";
import { chatCompletion, startFakeOpenAi, type ChatRequest, type FakeOpenAi, type FakeReply } from "../helpers/fake-openai-server.ts";
import { projectRoot } from "../helpers/shared.ts";

// The LLM path as a user meets it: `headscout scan` with OPENAI_BASE_URL pointing at an
// OpenAI-compatible server over a real socket (not nock), with the SDK's real HTTP client.

const recorded = JSON.parse(readFileSync(join(projectRoot, "tests/fixtures/papers/sources-output.json"), "utf8")) as { papers: Paper[] };
const [successor, razor, talking] = recorded.papers as [Paper, Paper, Paper];

let server: FakeOpenAi | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function workspace(papers: Paper[]): string {
  const dir = mkdtempSync(join(tmpdir(), "headscout-llm-"));
  copyFileSync(join(projectRoot, "tests/fixtures/catalogs/html.md"), join(dir, "README.md"));
  writeFileSync(join(dir, "papers.json"), JSON.stringify({ papers }));
  return dir;
}

async function scan(dir: string, extraEnv: Record<string, string> = {}, args: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { OPENAI_API_KEY: "sk-test-socket", OPENAI_BASE_URL: server!.baseUrl, ...extraEnv };
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd: dir };
  const code = await main(["scan", "--catalog", "README.md", "--papers", "papers.json", ...args], io);
  return { code, out: out.join(""), err: err.join(""), json: () => JSON.parse(out.join("")) };
}

const answer = (over: Record<string, unknown> = {}) => ({
  relevant: true,
  confidence: 0.9,
  rationale: "Identifies heads with a function.",
  tags: [],
  newHeadTypes: [],
  summary: ["RazorAttention compresses the KV cache.", "It keeps full caches for retrieval heads only.", "It reduces the KV cache by over 70%."],
  ...over,
});
const razorAnswer = answer({ tags: [{ name: "Retrieval Head", evidence: "only a few heads, denoted as retrieval heads" }] });
const ok = (body: unknown, usage?: Record<string, unknown> | null): FakeReply => ({ json: chatCompletion(body, usage === undefined ? {} : { usage }) });

/** Copies of a real relevant paper under new ids and titles: distinct papers the prefilter passes. */
function copies(n: number): Paper[] {
  return Array.from({ length: n }, (_, i) => ({ ...razor, ids: { arxiv: `2407.${String(90000 + i)}`, arxivVersion: 1 }, title: `${razor.title} (study ${i + 1})` }));
}

describe("the LLM path over a real socket", () => {
  it("writes only registry tags the abstract names; invented tags and new head types are reported, never written", async () => {
    server = await startFakeOpenAi(() =>
      ok(
        answer({
          tags: [
            { name: "Retrieval Head", evidence: "only a few heads, denoted as retrieval heads" },
            { name: "Induction Head", evidence: "only a few heads, denoted as retrieval heads" },
            { name: "Quantum Head", evidence: "RazorAttention" },
          ],
          newHeadTypes: [{ name: "Razor Head", evidence: "only a few heads, denoted as retrieval heads" }],
        }),
      ),
    );
    const result = await scan(workspace([razor]), {}, ["--json"]);
    expect(result.code).toBe(0);
    const [proposed] = result.json().proposed;
    expect(proposed.entry.tags).toEqual(["Retrieval Head"]);
    const added = result.json().insertions.flatMap((b: { lines: string[] }) => b.lines).join("\n");
    expect(added).toContain("Retrieval_Head");
    expect(added).not.toMatch(/Induction|Quantum|Razor_Head|Razor%20Head/);
    expect(proposed.flags.join("\n")).toContain('new head type(s) proposed for the registry: Razor Head ("only a few heads, denoted as retrieval heads")');

    // The text output shows the same flags beside the entry.
    const text = await scan(workspace([razor]));
    expect(text.out).toMatch(/\+ 2024-07-22 RazorAttention.*\[Retrieval Head\] \(LLM draft\)\n {6}! 2 tag\(s\) dropped: Induction Head \(the quote does not name Induction Head/);
    expect(text.out).toContain("! new head type(s) proposed for the registry: Razor Head");
  });

  it("stops after the calls already in flight when one reports 5,000,000 tokens; the rest wait for the next run", async () => {
    server = await startFakeOpenAi(() => ok(razorAnswer, { prompt_tokens: 4_999_000, completion_tokens: 1_000, prompt_tokens_details: { cached_tokens: 0 } }));
    const result = await scan(workspace(copies(10)), {}, ["--json"]);
    expect(result.code).toBe(0);
    // Four requests (the default concurrency) were reserved and sent before the first answer came back.
    expect(server.requests).toHaveLength(4);
    const { triage } = result.json();
    expect(triage.counts).toMatchObject({ relevant: 4, notTriaged: 6, llmFailures: 0 });
    expect(triage.llm.totalTokens).toBe(20_000_000);
    const text = await scan(workspace(copies(10)));
    expect(text.out).toContain("per-run LLM cap reached (1000000 tokens); left for the next run");
  });

  it("counts and shows an estimate for answers without usage (never $0)", async () => {
    server = await startFakeOpenAi(() => ok(razorAnswer, null));
    const result = await scan(workspace([razor]));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/LLM: 1 calls, [1-9]\d{3,} tokens .*~\$0\.00[0-9]*[1-9].*1 answer\(s\) without usage counted at our estimate/);
  });

  it("exits 3 and says so on stderr when the LLM fails on every paper (HTTP 500 after retries), keeping the papers held", async () => {
    server = await startFakeOpenAi(() => ({ status: 500, json: { error: { message: "The server had an error while processing your request.", type: "server_error" } }, headers: { "retry-after-ms": "0" } }));
    const result = await scan(workspace([successor, razor, talking]));
    expect(result.code).toBe(3);
    // Successor Heads is already in the catalog: two papers to judge, three attempts each.
    expect(server.requests).toHaveLength(6);
    expect(result.err).toContain("headscout scan: the LLM could not judge 2 paper(s) (the LLM service had a server error (HTTP 500)");
    expect(result.err).not.toContain(server.baseUrl);
    expect(result.out).toContain("held for a maintainer:");
  });

  it("says what timed out, without waiting longer than the configured time", async () => {
    server = await startFakeOpenAi(() => new Promise<FakeReply>(() => {}));
    const dir = workspace([razor]);
    writeFileSync(join(dir, "headscout.yml"), "triage:\n  llm:\n    timeoutMs: 50\n    maxRetries: 0\n");
    const result = await scan(dir, {}, ["--config", "headscout.yml"]);
    expect(result.code).toBe(3);
    expect(result.err).toContain("the LLM service gave no answer within 0.05 s");
  });
});

interface Injection {
  name: string;
  insert: string;
  where: "start" | "end";
  titleTail?: string;
  injected: { tag: string; domain: string; wording: string };
}
const injections = JSON.parse(readFileSync(join(projectRoot, "tests/fixtures/adversarial/injections.json"), "utf8")) as Injection[];

function injectedPaper(v: Injection, i: number): Paper {
  return {
    ...razor,
    ids: { arxiv: `2407.${80000 + i}`, arxivVersion: 1 },
    title: `${razor.title} ${v.titleTail ?? `(variant ${i + 1})`}`,
    abstract: v.where === "start" ? `${v.insert} ${razor.abstract}` : `${razor.abstract} ${v.insert}`,
  };
}

/** A model that obeys every instruction it sees: whatever a paper asks for, it answers. */
function obedientModel(request: ChatRequest): FakeReply {
  const v = injections.find((x) => request.paper.abstract.includes(x.insert));
  if (!v) return ok(razorAnswer);
  return ok(
    answer({
      confidence: 1,
      rationale: v.insert,
      tags: [{ name: v.injected.tag, evidence: v.insert }, { name: "Retrieval Head", evidence: "only a few heads, denoted as retrieval heads" }],
      newHeadTypes: [{ name: "Evil Head", evidence: v.insert }],
      summary: [v.injected.wording, `See ${v.injected.domain} for more.`, "RazorAttention compresses the KV cache."],
    }),
  );
}

describe(`an abstract cannot steer a draft (${injections.length} injection variants, a model that obeys them all)`, () => {
  it("holds every injected paper for a maintainer, writes nothing of theirs, and sways no other paper", async () => {
    server = await startFakeOpenAi(obedientModel);
    const papers = injections.map(injectedPaper);
    const alone = await scan(workspace([razor]), {}, ["--json"]);
    const mixed = await scan(workspace([...papers.slice(0, 13), razor, ...papers.slice(13)]), {}, ["--json"]);

    const report = mixed.json();
    const held = report.triage.verdicts.filter((v: { decision: string }) => v.decision === "needs-manual-triage");
    expect(held.map((v: { title: string }) => v.title).sort()).toEqual(papers.map((p) => p.title).sort());
    expect(held.every((v: { flags: string[] }) => v.flags.some((f) => f.startsWith("instruction-like text in the paper, held for a maintainer")))).toBe(true);

    // Only the clean paper is proposed, exactly as when it was scanned alone.
    expect(report.proposed.map((d: { entry: { title: string } }) => d.entry.title)).toEqual([razor.title]);
    expect(report.insertions).toEqual(alone.json().insertions);
    const added = report.insertions.flatMap((b: { lines: string[] }) => b.lines).join("\n");
    for (const v of injections) {
      expect(added).not.toContain(v.injected.domain);
      expect(added).not.toContain(v.injected.wording);
      expect(added).not.toContain(v.injected.tag.replace(/ /g, "_"));
    }
    // Each paper was judged in a request of its own.
    expect(server.requests).toHaveLength(papers.length + 2);
    for (const r of server.requests) expect(injections.filter((v) => r.body.messages[1]!.content.includes(v.insert)).length).toBeLessThanOrEqual(1);
  });

  it("keeps injected tags, links and domains out of a draft even were the paper not held (the tag rule and the summary check)", async () => {
    const { verdictFromAnswer } = await import("../../src/triage/llm/verdict-from-answer.ts");
    const { loadHeadRegistry } = await import("../../src/catalog/registry.ts");
    const { draftEntry } = await import("../../src/triage/verdict.ts");
    const { parseAnswer } = await import("../../src/triage/llm/schema.ts");
    const registry = loadHeadRegistry();
    injections.forEach((v, i) => {
      const paper = injectedPaper(v, i);
      const reply = obedientModel({ headers: {}, body: { model: "m", messages: [] }, paper });
      const content = ((reply.json as { choices: { message: { content: string } }[] }).choices[0]!.message.content);
      const parsed = parseAnswer(content);
      if (!parsed.ok) throw new Error(parsed.reason);
      // As if the detector had not seen the instruction: no `instructions` on the judged paper.
      const verdict = verdictFromAnswer({ key: `arxiv:${paper.ids.arxiv}`, paper, prefilter: { score: 9, passed: true, signals: [], registryMatches: [] } }, parsed.answer, {
        registry,
        minConfidence: 0.5,
        model: "m",
        promptVersion: "p",
        cached: false,
      });
      const draft = draftEntry(verdict)!;
      expect(draft.entry.tags, v.name).toEqual(["Retrieval Head"]);
      const written = JSON.stringify(draft.entry.summary);
      expect(written, v.name).not.toContain(v.injected.domain);
      expect(written, v.name).not.toMatch(/https?:|www\./);
    });
  });
});
