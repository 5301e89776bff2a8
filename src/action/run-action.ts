import { VERSION } from "../version.ts";
import { loadHeadRegistry } from "../catalog/registry.ts";
import { EXIT, type ExitCode } from "../cli/exit-codes.ts";
import { scanExitCode } from "../cli/commands/scan.ts";
import { describeError, redactSecrets, secretsInEnv } from "../errors.ts";
import { updateDashboard } from "../github/dashboard/update-dashboard.ts";
import { repoName } from "../github/repo.ts";
import { scanRepository, type ScanEnvironment, type ScanOutcome } from "../github/scan/scan-repository.ts";
import { fetchAllSources } from "../sources/fetch-all.ts";
import type { Clock } from "../sources/http/clock.ts";
import { readSourceSettings } from "../sources/settings.ts";
import { SharedPaperCache } from "../sources/shared-paper-cache.ts";
import { MemoryAnswerCache } from "../triage/llm/cache.ts";
import { readActionInputs } from "./inputs.ts";
import { reconcileClosedProposals } from "./reconcile.ts";
import { createActionOctokit, type OctokitClass } from "./octokit.ts";
import { writeStepSummary } from "./summary.ts";

/** Test seams; a workflow run uses none of them. */
export interface ActionDeps {
  /** HTTP for the sources and the LLM. */
  fetch?: typeof fetch;
  /** The clock the sources space, retry and time out their requests on. */
  sourcesClock?: Clock;
  now?: () => Date;
  /** The Octokit class (tests turn Probot's throttling off). */
  Octokit?: OctokitClass;
  /** Where the log goes (default: stdout and stderr, which the runner shows). */
  log?: { info(line: string): void; error(line: string): void };
}

export interface ActionResult {
  code: ExitCode;
  outcome?: ScanOutcome;
  /** What the scan said (the app's reply to `@headscout scan`), as printed and summarised. */
  report: string;
}


/**
 * The GitHub Action: one scan of the workflow's repository, exactly as the app runs one (its
 * config, the ledger on the state branch, the grouped pull request, rejection memory), then the
 * dashboard brought up to date, the report printed and written to the job summary.
 *
 * The scan runs with the command's semantics: a repository without `.github/headscout.yml` is
 * scanned with the defaults, where the app's schedule would skip it (adding the workflow is the
 * opt-in). The ledger records it with the "action" trigger.
 */
export async function runAction(env: Record<string, string | undefined>, deps: ActionDeps = {}): Promise<ActionResult> {
  const log = deps.log ?? { info: (line: string) => console.log(line), error: (line: string) => console.error(line) };
  const inputs = readActionInputs(env);
  if (typeof inputs === "string") {
    log.error(`::error::headscout: ${inputs}`);
    return { code: EXIT.failed, report: inputs };
  }
  // The operator's environment of the app is the workflow's here: its env (ceilings, source
  // settings) with the LLM's key and endpoint from the inputs.
  const operatorEnv: Record<string, string | undefined> = {
    ...env,
    ...(inputs.openaiApiKey ? { OPENAI_API_KEY: inputs.openaiApiKey } : {}),
    ...(inputs.openaiBaseUrl ? { OPENAI_BASE_URL: inputs.openaiBaseUrl } : {}),
  };
  const now = deps.now ?? (() => new Date());
  const settings = readSourceSettings(operatorEnv);
  const registry = loadHeadRegistry();
  const environment: ScanEnvironment = {
    env: operatorEnv,
    sharedPapers: new SharedPaperCache({
      fetchWindow: (config, window) => fetchAllSources({ config, window, settings, registry, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.sourcesClock ? { clock: deps.sourcesClock } : {}) }),
      now: () => now().getTime(),
    }),
    answers: new MemoryAnswerCache(),
    now,
    instanceId: `action-${env.GITHUB_RUN_ID ?? process.pid}-${env.GITHUB_RUN_ATTEMPT ?? "1"}`,
    command: "@headscout",
    version: VERSION,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };
  const github = createActionOctokit(inputs.token, inputs.apiUrl, deps.Octokit);
  const repo = inputs.repo;
  const name = repoName(repo);
  const origin = `the GitHub Action${inputs.eventName ? ` (${inputs.eventName})` : ""}`;
  const redact = (text: string) => redactSecrets(text, secretsInEnv(operatorEnv));

  let outcome: ScanOutcome;
  try {
    const recorded = await reconcileClosedProposals(github, repo, now());
    if (recorded.length) log.info(`headscout: recorded closed pull requests ${recorded.map((n) => `#${n}`).join(", ")} in the ledger`);
    outcome = await scanRepository({ github, repo, trigger: "action", origin }, environment);
  } catch (error) {
    // Before the scan claimed the ledger: the config, the state branch or a pull request could not be read.
    const report = `The scan of ${name} failed: ${redact(describeError(error).split("\n")[0]!)}`;
    log.error(`::error::${report}`);
    writeStepSummary(env, `## headscout: ${name}\n\n${report}\n`);
    return { code: EXIT.failed, report };
  }

  if (outcome.kind === "done" || outcome.kind === "failed") {
    try {
      const dashboard = await updateDashboard(github, repo, environment, outcome.kind === "done" ? { known: outcome.state } : {});
      log.info(`headscout: dashboard ${dashboard}`);
    } catch (error) {
      log.error(`::warning::headscout: the dashboard could not be updated: ${redact(describeError(error).split("\n")[0]!)}`);
    }
  }

  const code: ExitCode =
    outcome.kind === "done" ? scanExitCode(outcome.result)
    : outcome.kind === "busy" || outcome.kind === "not-configured" ? EXIT.ok
    : EXIT.failed;
  const report = outcome.reply;
  log.info(report);
  if (code === EXIT.llmOutage) log.error("::warning::headscout: the LLM could not judge some papers; they stay held for the next run");
  else if (code !== EXIT.ok) log.error(`::error::headscout: ${outcome.kind === "done" ? "a source failed (see the report)" : report.split("\n")[0]}`);
  writeStepSummary(env, `## headscout: ${name}\n\n${report}\n`);
  return { code, outcome, report };
}
