import { diffLines, splitLines, type Hunk } from "./line-diff.ts";
import type { Leaf, ObjectStore } from "./objects.ts";

/**
 * A three-way merge of one text, as git's merge does it line by line: both sides' changes apply
 * when they touch different base lines; changes that overlap or touch (two insertions at one
 * place included) conflict unless they are the same change.
 */
export function mergeText(base: string, ours: string, theirs: string): string | undefined {
  const lines = splitLines(base);
  const tagged = [...diffLines(lines, splitLines(ours)), ...diffLines(lines, splitLines(theirs))].sort((x, y) => x.start - y.start || x.end - y.end);
  const same = (x: Hunk, y: Hunk) => x.start === y.start && x.end === y.end && x.lines.join("") === y.lines.join("");
  const kept: Hunk[] = [];
  for (const h of tagged) {
    const last = kept.at(-1);
    if (last && h.start <= last.end && last.start <= h.end) {
      if (same(last, h)) continue;
      return undefined;
    }
    kept.push(h);
  }
  const out: string[] = [];
  let k = 0;
  for (const h of kept) {
    out.push(...lines.slice(k, h.start), ...h.lines);
    k = h.end;
  }
  out.push(...lines.slice(k));
  return out.join("");
}

const isText = (b: Buffer) => !b.includes(0);

/** Merges two trees against their base; the merged tree's SHA, or the paths in conflict. */
export function mergeTrees(store: ObjectStore, base: string, ours: string, theirs: string): { tree: string } | { conflicts: string[] } {
  const [b, o, t] = [store.flatten(base), store.flatten(ours), store.flatten(theirs)];
  const merged = new Map<string, Leaf>();
  const conflicts: string[] = [];
  for (const path of new Set([...b.keys(), ...o.keys(), ...t.keys()])) {
    const [lb, lo, lt] = [b.get(path), o.get(path), t.get(path)];
    if (lo?.sha === lt?.sha || lt?.sha === lb?.sha) {
      if (lo) merged.set(path, lo);
      continue;
    }
    if (lo?.sha === lb?.sha) {
      if (lt) merged.set(path, lt);
      continue;
    }
    // Both sides changed the file: only two texts that merge line by line avoid a conflict.
    const [tb, to, tt] = [lb, lo, lt].map((leaf) => (leaf ? store.blob(leaf.sha) : Buffer.alloc(0)));
    const text = lo && lt && tb && to && tt && [tb, to, tt].every(isText) ? mergeText(tb.toString("utf8"), to.toString("utf8"), tt.toString("utf8")) : undefined;
    if (text === undefined) conflicts.push(path);
    else merged.set(path, { mode: lo!.mode, type: "blob", sha: store.putBlob(Buffer.from(text, "utf8")) });
  }
  return conflicts.length > 0 ? { conflicts: conflicts.sort() } : { tree: store.writeTree(merged) };
}
