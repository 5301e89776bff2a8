/** Base lines [start, end) replaced by `lines` (an insertion when start === end). */
export interface Hunk {
  start: number;
  end: number;
  lines: string[];
}

/** Lines with their terminators kept, so a missing final newline is a difference like any other. */
export function splitLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

// The DP table below is (n+1)·(m+1) cells; past this the changed middle is one hunk, which is
// still a correct diff (only a coarser one) and keeps a huge catalog from exhausting memory.
const MAX_CELLS = 4_000_000;

/** The hunks that turn `a` into `b`: common prefix and suffix trimmed, the rest by longest common subsequence. */
export function diffLines(a: string[], b: string[]): Hunk[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) return [{ start: pre, end: pre + n, lines: b.slice(pre, pre + m) }];
  // lcs[i*(m+1)+j] = length of the LCS of a[pre+i..] and b[pre+j..]
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[pre + i] === b[pre + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const hunks: Hunk[] = [];
  let open: Hunk | undefined;
  let i = 0;
  let j = 0;
  const flush = () => {
    if (open) hunks.push(open);
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] === b[pre + j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) {
      open ??= { start: pre + i, end: pre + i, lines: [] };
      open.lines.push(b[pre + j]!);
      j++;
    } else {
      open ??= { start: pre + i, end: pre + i, lines: [] };
      open.end = pre + i + 1;
      i++;
    }
  }
  flush();
  return hunks;
}

export function countChanges(hunks: Hunk[]): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const h of hunks) {
    additions += h.lines.length;
    deletions += h.end - h.start;
  }
  return { additions, deletions };
}

function patchLine(sign: string, line: string): string {
  return line.endsWith("\n") ? `${sign}${line.slice(0, -1)}` : `${sign}${line}\n\\ No newline at end of file`;
}

function range(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return `${count === 0 ? start : start + 1},${count}`;
}

/** The `patch` field of a pull request file: unified hunks with three lines of context, no file header. */
export function unifiedPatch(a: string[], hunks: Hunk[], context = 3): string {
  const out: string[] = [];
  let delta = 0;
  for (let i = 0; i < hunks.length; ) {
    let j = i;
    while (j + 1 < hunks.length && hunks[j + 1]!.start - hunks[j]!.end <= 2 * context) j++;
    const aStart = Math.max(0, hunks[i]!.start - context);
    const aEnd = Math.min(a.length, hunks[j]!.end + context);
    const body: string[] = [];
    let aCount = 0;
    let bCount = 0;
    let k = aStart;
    const keep = (until: number) => {
      for (; k < until; k++, aCount++, bCount++) body.push(patchLine(" ", a[k]!));
    };
    let groupDelta = 0;
    for (const h of hunks.slice(i, j + 1)) {
      keep(h.start);
      for (const line of a.slice(h.start, h.end)) body.push(patchLine("-", line)), aCount++;
      for (const line of h.lines) body.push(patchLine("+", line)), bCount++;
      k = h.end;
      groupDelta += h.lines.length - (h.end - h.start);
    }
    keep(aEnd);
    out.push(`@@ -${range(aStart, aCount)} +${range(aStart + delta, bCount)} @@`, ...body);
    delta += groupDelta;
    i = j + 1;
  }
  return out.join("\n");
}
