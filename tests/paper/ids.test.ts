import { describe, expect, it } from "vitest";
import { parseAclId, parseArxivId, parseArxivVersion, parseDoi, parseOpenReviewId } from "../../src/paper/ids.ts";
import { normalizeTitle } from "../../src/paper/title.ts";

describe("paper identifiers", () => {
  it.each([
    ["https://arxiv.org/abs/2404.15574", "2404.15574"],
    ["https://www.arxiv.org/abs/2402.13055v1", "2402.13055"],
    ["http://arxiv.org/pdf/2407.15891v2.pdf", "2407.15891"],
    ["https://arxiv.org/html/2502.11806v1", "2502.11806"],
    ["2101.00001v12", "2101.00001"],
    ["http://arxiv.org/abs/cond-mat/0603029v1", "cond-mat/0603029"],
    ["hep-th/9901001", "hep-th/9901001"],
    ["math.GT/0309136", "math.GT/0309136"],
  ])("reads the arXiv id of %s", (input, id) => {
    expect(parseArxivId(input)).toBe(id);
  });

  it("ignores what is not an arXiv id", () => {
    expect(parseArxivId("https://openreview.net/forum?id=np6hrTv7aW")).toBeUndefined();
    expect(parseArxivId("https://github.com/x/2404.15574")).toBeUndefined();
  });

  it("reads the version", () => {
    expect(parseArxivVersion("http://arxiv.org/abs/2404.15574v3")).toBe(3);
    expect(parseArxivVersion("https://arxiv.org/abs/2404.15574")).toBeUndefined();
  });

  it("reads OpenReview, ACL Anthology and DOI ids", () => {
    expect(parseOpenReviewId("https://openreview.net/forum?id=np6hrTv7aW")).toBe("np6hrTv7aW");
    expect(parseOpenReviewId("https://openreview.net/pdf?id=3X2EbBLNsk")).toBe("3X2EbBLNsk");
    expect(parseAclId("https://aclanthology.org/2024.findings-acl.199/")).toBe("2024.findings-acl.199");
    expect(parseAclId("https://aclanthology.org/P16-1154.pdf")).toBe("P16-1154");
    expect(parseDoi("https://doi.org/10.1145/3626772.3657XYZ")).toBe("10.1145/3626772.3657xyz");
    expect(parseDoi("https://dl.acm.org/doi/10.1145/3626772.3657819")).toBe("10.1145/3626772.3657819");
    expect(parseDoi("https://dl.acm.org/doi/abs/10.1145/3626772.3657819?download=true")).toBe("10.1145/3626772.3657819");
  });

  it("normalises titles across case, punctuation and LaTeX", () => {
    expect(normalizeTitle("RazorAttention: Efficient KV Cache  Compression")).toBe(
      normalizeTitle("Razorattention — efficient KV-cache compression"),
    );
    expect(normalizeTitle("The \\textit{Heads} Hypothesis")).toBe(normalizeTitle("The Heads Hypothesis"));
  });
});
