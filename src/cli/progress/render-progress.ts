import type { SourceName } from "../../scan/progress-events.ts";
import type { ProgressState, ScanStage, SourceProgress, SourceWait, TriageProgress } from "./progress-state.ts";

/** The sources as people know them. */
export const SERVICE: Record<SourceName, string> = { arxiv: "arXiv", openreview: "OpenReview" };

const STAGE: Record<ScanStage, string> = {
  starting: "starting",
  finding: "finding papers",
  "dropping-known": "checking the catalog",
  triaging: "triaging",
  inserting: "inserting entries",
  done: "done",
};

/** 65 s → "1:05"; an hour or more → "1:00:05". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** 3000 → "3.0 s". */
export function formatWait(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a wait is for, and how long: "waiting 3.0 s for arXiv's request spacing". */
export function describeWait(source: SourceName, wait: SourceWait, left = wait.ms): string {
  return wait.for === "spacing"
    ? `waiting ${formatWait(left)} for ${SERVICE[source]}'s request spacing`
    : `${wait.reason}; trying again in ${formatWait(left)}`;
}

function countsOf(source: SourceProgress): string[] {
  return [plural(source.requests, "request"), plural(source.pages, "page"), plural(source.papers, "paper")];
}

function describeSource(name: SourceName, source: SourceProgress, now: number): string {
  switch (source.status) {
    case "searching": {
      const doing = source.waiting
        ? describeWait(name, source.waiting, source.waiting.until - now)
        : source.inFlight
          ? `request ${source.requests} under way`
          : source.requests === 0
            ? `starting${source.queries !== undefined ? ` (${plural(source.queries, "query", "queries")})` : ""}`
            : "reading";
      return [...countsOf(source), ...(source.retries ? [plural(source.retries, "retry", "retries")] : []), doing].join(" · ");
    }
    case "ok":
    case "empty":
      return [source.status, ...countsOf(source)].join(" · ");
    case "failed":
      return `failed after ${plural(source.requests, "request")} (${source.reason ?? "no reason given"})`;
    case "unavailable":
      return `unavailable (${source.reason ?? "no reason given"})`;
  }
}

function describeTriage(triage: TriageProgress): string {
  const prefiltered = triage.papers - triage.toJudge;
  const parts = [triage.mode === "llm" ? "LLM" : "offline"];
  if (triage.finished) {
    parts.push(`${plural(triage.papers, "paper")} · ${triage.finished.relevant} relevant · ${triage.finished.held} held`);
  } else if (triage.mode === "offline") {
    parts.push(`${triage.judged} of ${triage.toJudge} judged`);
  } else {
    parts.push(`${plural(triage.toJudge, "paper")} to judge`);
  }
  if (triage.mode === "llm") parts.push(`${plural(triage.llmCalls, "call")}${triage.llmRunning > 0 && !triage.finished ? ` (${triage.llmRunning} running)` : ""}`);
  if (prefiltered > 0) parts.push(`${prefiltered} dropped by the prefilter`);
  return parts.join(" · ");
}

function cut(line: string, width: number | undefined): string {
  if (!width || width < 2 || line.length <= width) return line;
  return `${line.slice(0, width - 1)}…`;
}

/**
 * The progress block a terminal shows and redraws: a headline (stage, elapsed time), a line per
 * source, then the catalog check and triage once they begin. Pure; lines are cut to `width`.
 */
export function renderProgress(state: ProgressState, options: { width?: number } = {}): string[] {
  const elapsed = formatElapsed(state.now - state.startedAt);
  const headline =
    state.stage === "done"
      ? `headscout scan · done in ${elapsed} · ${state.inserted ? `${plural(state.inserted, "new entry", "new entries")}` : "nothing to add"}`
      : `headscout scan · ${state.stage === "finding" && Object.keys(state.sources).length > 0 ? "searching" : STAGE[state.stage]} · ${elapsed}`;
  const rows: [string, string][] = [];
  for (const name of ["arxiv", "openreview"] as const) {
    const source = state.sources[name];
    if (source) rows.push([SERVICE[name], describeSource(name, source, state.now)]);
  }
  if (state.found !== undefined) {
    rows.push(["catalog", `${plural(state.found, "paper")} found${state.known !== undefined ? ` · ${state.known} already listed` : ""}`]);
  }
  if (state.triage) rows.push(["triage", describeTriage(state.triage)]);
  const labelWidth = Math.max(0, ...rows.map(([label]) => label.length));
  return [headline, ...rows.map(([label, text]) => `  ${label.padEnd(labelWidth)}  ${text}`)].map((line) => cut(line, options.width));
}
