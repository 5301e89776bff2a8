import { describe, expect, it } from "vitest";
import { diffLines, splitLines, unifiedPatch } from "./git/line-diff.ts";
import { mergeText } from "./git/merge.ts";
import { ObjectStore } from "./git/objects.ts";

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join("");

describe("fake GitHub: its git", () => {
  it("hashes objects exactly as git does", () => {
    const store = new ObjectStore();
    expect(store.putBlob(Buffer.from("hello\n"))).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    expect(store.writeTree(new Map())).toBe("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    const blob = store.putBlob(Buffer.from("hello\n"));
    // A nested tree has one SHA however it is built.
    const nested = store.writeTree(new Map([["a/b.txt", { mode: "100644", type: "blob" as const, sha: blob }]]));
    expect(store.lookup(nested, "a/b.txt")?.sha).toBe(blob);
    expect(store.writeTree(store.flatten(nested))).toBe(nested);
  });

  it("diffs lines into hunks and prints GitHub's patch", () => {
    const before = lines(8);
    const after = before.replace("line 4\n", "line 4\nnew row\n");
    const hunks = diffLines(splitLines(before), splitLines(after));
    expect(hunks).toEqual([{ start: 4, end: 4, lines: ["new row\n"] }]);
    expect(unifiedPatch(splitLines(before), hunks)).toBe("@@ -2,6 +2,7 @@\n line 2\n line 3\n line 4\n+new row\n line 5\n line 6\n line 7");
    expect(unifiedPatch(splitLines("a"), diffLines(splitLines("a"), splitLines("b")))).toBe("@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file");
  });

  it("merges changes to different lines and refuses overlapping ones, as git does", () => {
    const base = lines(20);
    const ours = base.replace("line 2\n", "line 2\nours\n");
    const theirs = base.replace("line 18\n", "line 18\ntheirs\n");
    expect(mergeText(base, ours, theirs)).toBe(base.replace("line 2\n", "line 2\nours\n").replace("line 18\n", "line 18\ntheirs\n"));
    expect(mergeText(base, ours, ours)).toBe(ours);
    expect(mergeText(base, ours, base.replace("line 2\n", "line 2\ntheirs\n"))).toBeUndefined();
  });
});
