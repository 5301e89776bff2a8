import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadHeadRegistry } from "../../src/catalog/registry.ts";
import { defaultTriageConfig } from "../../src/triage/config.ts";
import { loadLabeledStream, parseLabeledJsonl } from "../../src/triage/eval/labeled.ts";
import { computeScores } from "../../src/triage/eval/metrics.ts";
import { createPrefilter } from "../../src/triage/prefilter.ts";
import { hasShared, sharedMissingReason, sharedPath } from "../helpers/shared.ts";

const prefilter = createPrefilter(loadHeadRegistry(), defaultTriageConfig.prefilterThreshold);
const judge = (title: string, abstract: string) => prefilter({ title, abstract });
const rules = (title: string, abstract: string) => judge(title, abstract).signals.map((s) => s.rule);

describe("prefilter", () => {
  it("passes papers that talk about attention heads, head coordinates or registry head types", () => {
    expect(judge("On heads", "We ablate attention heads in GPT-2 and find that they copy names.").passed).toBe(true);
    expect(rules("Probing GPT-2", "Head L10H7 of the transformer suppresses copying.")).toContain("head-coordinate");
    expect(rules("Probing GPT-2", "In the language model, head 10.10 writes the answer.")).toContain("head-coordinate");
    expect(rules("Probing GPT-2", "In the language model, layer 5 head 3 attends to the previous token.")).toContain("head-coordinate");
    const named = judge("Copy suppression in LLMs", "We study copy-suppression heads and the negative name mover heads of GPT-2 Small.");
    expect(named.passed).toBe(true);
    expect(named.registryMatches.map((m) => m.name)).toEqual(expect.arrayContaining(["Copy Suppression Head", "Negative Name Mover Head"]));
  });

  it("passes function-named heads that are not in the registry when the text is about language models", () => {
    const r = judge("Curriculum for small LMs", "Our GPT-2 model activates gradient-salient reasoning heads in deeper layers.");
    expect(r.passed).toBe(true);
    expect(rules("x", "Our GPT-2 model activates gradient-salient reasoning heads in deeper layers.")).toContain("named-heads");
  });

  it("passes circuit papers that never say 'head' (recall first)", () => {
    const r = judge(
      "How Transformers Solve Propositional Logic Problems: A Mechanistic Analysis",
      "We identify planning circuits in a small transformer and use activation patching on Mistral 7B.",
    );
    expect(r.passed).toBe(true);
  });

  it("rejects detection/classification heads, people's heads and multi-head architectures", () => {
    expect(judge("Fast drone detection", "We add a lightweight detection head and a classification head to YOLO.").passed).toBe(false);
    expect(judge("Crowd dynamics", "In dense crowds it is hard to count heads or track individuals in video.").passed).toBe(false);
    expect(judge("Head pose estimation", "We estimate head pose and head movements from a single camera.").passed).toBe(false);
    expect(judge("A faster transformer", "We propose a multi-head attention variant for vision transformers that halves the latency.").passed).toBe(false);
    // "Detection Head" is a registry name, but a detector's detection head is not that.
    expect(judge("Detector", "A new detection head for object detection.").registryMatches).toEqual([]);
  });

  it("says which rules fired", () => {
    const r = judge("Retrieval heads", "Only a few attention heads, the retrieval heads, attend to the whole context of the LLM.");
    expect(r.signals.find((s) => s.rule === "attention-head")?.match).toBe("attention heads");
    expect(r.registryMatches).toEqual([{ name: "Retrieval Head", evidence: "Retrieval heads" }]);
  });
});

describe.skipIf(!hasShared)(`prefilter on the real eval sets (${hasShared ? "../shared present" : sharedMissingReason})`, () => {
  it("passes ≥ 98% of the dev set's relevant papers", () => {
    const dev = parseLabeledJsonl(readFileSync(sharedPath("eval", "papers.dev.jsonl"), "utf8"), "papers.dev.jsonl");
    const s = computeScores(dev.map((x) => ({ gold: x.relevant, predicted: prefilter(x.paper).passed })));
    expect(s.recall).toBeGreaterThanOrEqual(0.98);
  });

  it("passes every relevant paper of the labelled stream days and at most 5% of all their papers", async () => {
    const stream = await loadLabeledStream(sharedPath("eval", "stream"));
    const passed = stream.map((x) => ({ gold: x.relevant, predicted: prefilter(x.paper).passed }));
    expect(computeScores(passed).recall).toBe(1);
    expect(passed.filter((p) => p.predicted).length / stream.length).toBeLessThanOrEqual(0.05);
  });
});
