import { describe, expect, it } from "vitest";
import { decodeShieldsText, encodeShieldsText, parseShieldsBadge } from "../../src/catalog/shields.ts";

describe("shields.io badge text", () => {
  it.each([
    ["S--Inhibition_Head", "S-Inhibition Head"],
    ["Induction%20Head", "Induction Head"],
    ["In--Context_Head", "In-Context Head"],
    ["snake__case", "snake_case"],
    ["%23D2691E", "#D2691E"],
  ])("decodes %s as %s", (raw, text) => {
    expect(decodeShieldsText(raw)).toBe(text);
  });

  it("encodes text so that it decodes back, in either space spelling", () => {
    for (const text of ["S-Inhibition Head", "A_B C-D", "Q&A #1 / 50% (beta)?"]) {
      expect(decodeShieldsText(encodeShieldsText(text, "_"))).toBe(text);
      expect(decodeShieldsText(encodeShieldsText(text, "%20"))).toBe(text);
    }
    expect(encodeShieldsText("Local-context Head")).toBe("Local--context_Head");
    expect(encodeShieldsText("Induction Head", "%20")).toBe("Induction%20Head");
  });

  it("splits a badge into label, message, colour and query", () => {
    expect(parseShieldsBadge("https://img.shields.io/badge/ACL_Findings-Paper-%23D2691E")).toMatchObject({
      parts: ["ACL Findings", "Paper"],
      color: "%23D2691E",
      query: "",
    });
    expect(parseShieldsBadge("https://img.shields.io/badge/arXiv-Paper-%23D2691E?logo=arxiv")).toMatchObject({ parts: ["arXiv", "Paper"], query: "logo=arxiv" });
    expect(parseShieldsBadge("https://img.shields.io/badge/S--Inhibition_Head-blue")?.parts).toEqual(["S-Inhibition Head"]);
  });

  it("refuses what does not decode", () => {
    expect(parseShieldsBadge("https://img.shields.io/badge/Broken%ZZHead-blue")).toBeUndefined();
    expect(parseShieldsBadge("https://img.shields.io/badge/NoColour")).toBeUndefined();
    expect(parseShieldsBadge("https://example.com/badge/A-blue")).toBeUndefined();
  });
});
