import type { ApplicationFunction, ApplicationFunctionOptions, Context, Probot } from "probot";
import { SharedPaperCache } from "../sources/shared-paper-cache.ts";
import { createRedisPaperStore } from "../sources/redis-paper-store.ts";
import { createRedisThrottle } from "../sources/http/redis-throttle.ts";
import { fetchAllSources } from "../sources/fetch-all.ts";
import type { Clock } from "../sources/http/clock.ts";
import { readSourceSettings } from "../sources/settings.ts";
import { loadHeadRegistry } from "../catalog/registry.ts";
import { MemoryAnswerCache } from "../triage/llm/cache.ts";
import { loadRepo, runCommand, takeSlot, type CommandContext } from "./commands/handlers/index.ts";
import { misplacedCommand, readCommand, renderInvalidCommand } from "./commands/parse-command.ts";
import { proposeTicked } from "./dashboard/propose-ticked.ts";
import { isDashboardBody, readTickedNearMisses } from "./dashboard/render-dashboard.ts";
import { updateDashboard as syncRepoDashboard } from "./dashboard/update-dashboard.ts";
import { describeError, redactSecrets, secretsInEnv } from "../errors.ts";
import { acknowledgeComment } from "./handlers/acknowledge-comment.ts";
import { registerIntake } from "./intake/handle-intake.ts";
import { replyOnce } from "./handlers/reply-once.ts";
import { createBranchLedgerStore } from "./ledger/branch-store.ts";
import { closeProposal, markRejected } from "./ledger/mark-rejected.ts";
import { markMerged } from "./ledger/mark-merged.ts";
import { updateLedger } from "./ledger/store.ts";
import { recordInterruptedScan } from "./ledger/record-interrupted.ts";
import { mayCommand } from "./permission.ts";
import { parseProposalMarker, readChecklist, renderOutsiderReply, renderRejectionNotice } from "./proposal/index.ts";
import { CONFIG_PATH, readRepoConfig } from "./read-repo-config.ts";
import { syncConfigErrorIssue } from "./config-error-issue.ts";
import { repoName, type GitHub, type RepoRef } from "./repo.ts";
import { VERSION } from "../version.ts";
import { RepoJobs } from "./repo-jobs.ts";
import { Health } from "./server/health.ts";
import { rebuildProposals } from "./scan/rebuild-proposals.ts";
import { scanRepository, type ScanEnvironment, type ScanRequest } from "./scan/scan-repository.ts";
import { onboardRepository } from "./onboarding.ts";
import { startSchedules, type ScheduleControl } from "./schedule/start-schedules.ts";
import { realTimers, type Timers } from "./schedule/scheduler.ts";
import { connectRedis } from "./queue/connect-redis.ts";
import { readQueueSettings } from "./queue/queue-settings.ts";
import { createRedisScanQueue } from "./queue/redis-scan-queue.ts";
import { scanJobId, type ScanJob } from "./queue/scan-job.ts";
import { createInProcessScanQueue, type ScanQueue } from "./queue/scan-queue.ts";

export interface HeadscoutAppOptions {
  /** The operator's environment (API keys, ceilings, sources); never a repository's. */
  env: Record<string, string | undefined>;
  timers?: Timers;
  /** HTTP for the sources and the LLM (tests point it at fakes). */
  fetch?: typeof fetch;
  /** The clock the sources space, retry and time out their requests on (tests pass one whose waits return at once). */
  sourcesClock?: Clock;
  instanceId?: string;
  version?: string;
  /** Scheduled scans (default on; tests turn it off and tick by hand). */
  schedule?: boolean;
}

/** What a running app exposes to its server and its tests. */
export interface HeadscoutAppHandle {
  jobs: RepoJobs;
  health: Health;
  schedules?: ScheduleControl;
  /** Queues a scan as the schedule's tick would (tests; `tick` defaults to now). */
  scanOnSchedule(installationId: number, repo: RepoRef, tick?: Date): Promise<void>;
  /** Scans running in this process (queued on Redis or not). */
  scans: ScanQueue;
  /** A graceful stop: no more ticks, no new scans taken, running ones finish, Redis let go. */
  close(): Promise<void>;
  /** The stop's grace is over: each scan still running is recorded as interrupted in its ledger, and its claim let go. */
  interrupt(): Promise<void>;
}

const isBot = (user: { type?: string; login?: string } | null | undefined) => user?.type === "Bot" || Boolean(user?.login?.endsWith("[bot]"));

/**
 * The GitHub App: thin handlers that read the event, check who is asking, queue the work and
 * acknowledge at once; the work itself (scan, propose, remember) never knows it was a webhook.
 */
export function createHeadscoutApp(options: HeadscoutAppOptions, ready?: (handle: HeadscoutAppHandle) => void): ApplicationFunction {
  return async (app: Probot, appOptions?: ApplicationFunctionOptions) => {
    const timers = options.timers ?? realTimers;
    const queueSettings = readQueueSettings(options.env);
    // With REDIS_URL, replicas share the scan queue, the paper cache and each source's pace.
    const redis = queueSettings.redisUrl ? await connectRedis(queueSettings.redisUrl) : undefined;
    const instanceId = options.instanceId ?? `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const settings = {
      ...readSourceSettings(options.env),
      ...(redis ? { pace: (host: string, intervalMs: number, clock: Clock) => createRedisThrottle(redis, `${queueSettings.prefix}:pace:${host}:${intervalMs}`, intervalMs, clock) } : {}),
    };
    const registry = loadHeadRegistry();
    const appOctokit = await app.auth();
    const { data: me } = await appOctokit.rest.apps.getAuthenticated();
    const slug = me?.slug ?? "headscout";
    const command = `@${slug}`;
    const environment: ScanEnvironment = {
      env: options.env,
      sharedPapers: new SharedPaperCache({
        fetchWindow: (config, window) => fetchAllSources({ config, window, settings, registry, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.sourcesClock ? { clock: options.sourcesClock } : {}) }),
        now: () => timers.now(),
        ...(redis ? { store: createRedisPaperStore(redis, queueSettings.prefix, instanceId) } : {}),
        // A replica that dies mid-fetch holds the others back as long as it would hold a scan.
        fetchClaimMs: queueSettings.lockMs,
      }),
      answers: new MemoryAnswerCache(),
      now: () => new Date(timers.now()),
      instanceId,
      command,
      version: options.version ?? VERSION,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
    const jobs = new RepoJobs((key, error) => app.log.error({ err: error, repo: key }, "headscout job failed"));
    const health = new Health({
      version: environment.version,
      startedAt: new Date(timers.now()),
      running: () => jobs.size + (redis ? scans.running : 0),
      scheduled: () => schedules?.scheduler.size ?? 0,
      queue: () => (redis ? { kind: "redis", connection: redis.status } : { kind: "in-process" }),
    });
    appOptions?.addHandler?.(health.handler());

    const runningScans = new Set<{ request: ScanRequest; at: Date }>();
    /** One scan from the queue, in whichever replica took it: it authenticates as the installation and answers where it was asked. */
    const runScanJob = async (job: ScanJob, queued: { id?: string }) => {
      const github = (await app.auth(job.installationId)) as unknown as GitHub;
      const request: ScanRequest = { github, repo: job.repo, trigger: job.trigger, origin: job.origin, ...(job.since ? { since: job.since } : {}), ...(queued.id ? { job: queued.id } : {}) };
      const key = repoName(job.repo);
      const running = { request, at: environment.now() };
      runningScans.add(running);
      const outcome = await scanRepository(request, environment).finally(() => runningScans.delete(running));
      if (outcome.kind === "done") health.recordScan(outcome.result.sources, environment.now());
      app.log.info({ repo: key, trigger: job.trigger, outcome: outcome.kind }, outcome.reply.split("\n")[0]);
      if (outcome.kind === "failed") app.log.error({ err: outcome.error, repo: key }, "scan failed");
      if (job.replyTo !== undefined) await github.rest.issues.createComment({ ...job.repo, issue_number: job.replyTo, body: outcome.reply });
      if (outcome.kind === "done" || outcome.kind === "failed") await updateDashboard(github, job.repo, outcome.kind === "done" ? { known: outcome.state } : {});
    };
    const scans: ScanQueue = redis
      ? await createRedisScanQueue(redis, queueSettings, runScanJob, app.log)
      : createInProcessScanQueue(jobs, runScanJob, () => timers.now());

    /** The dashboard issue brought up to date with the ledger (when the config keeps one); a failure is logged, never the scan's. */
    const updateDashboard = async (github: GitHub, repo: RepoRef, options: Parameters<typeof syncRepoDashboard>[3] = {}) => {
      try {
        await syncRepoDashboard(github, repo, environment, options);
      } catch (error) {
        app.log.error({ err: error, repo: repoName(repo) }, "dashboard update failed");
      }
    };

    // Commands that change pull requests or the ledger (add, retag, a ticked near miss…) take turns
    // per repository in this process: two at once would each open a grouped pull request, or move
    // one branch from under the other. A failed one does not stop the next.
    const turns = new Map<string, Promise<unknown>>();
    const inTurn = (repo: RepoRef, work: () => Promise<void>): Promise<void> => {
      const key = repoName(repo);
      const run = (turns.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
      turns.set(key, run);
      return run;
    };

    /** What went wrong, for a public reply: nothing of the operator's environment. */
    const publicReason = (error: unknown) => redactSecrets(describeError(error).split("\n")[0]!, secretsInEnv(options.env));

    // A rebuild reads the ledger and the default branch when it starts: one asked for while another
    // runs (a second push, an untick) runs again after it.
    const rebuild = (github: GitHub, repo: RepoRef, origin: string) =>
      jobs.startOrRerun(`${repoName(repo)}#rebuild`, { startedAt: timers.now(), origin }, async () => {
        await rebuildProposals(github, repo, environment);
      });

    const scanOnSchedule = async (installationId: number, repo: RepoRef, tick = new Date(timers.now())) => {
      const job: ScanJob = { installationId, repo, trigger: "schedule", origin: "the schedule" };
      await scans.submit(job, scanJobId(job, { tick }));
    };

    app.on("issue_comment.created", async (context) => {
      const { comment, issue } = context.payload;
      if (!comment.user || isBot(comment.user)) return;
      const reading = readCommand(comment.body, slug);
      if (reading.kind === "none") return;
      const github = context.octokit as unknown as GitHub;
      const repo = context.repo();
      const login = comment.user.login;
      if (!(await mayCommand(github, repo, login))) {
        await replyOnce(github, repo, issue.number, "outsider", renderOutsiderReply({ command }));
        return;
      }
      // 👀 at once; a redelivered webhook finds it there and does nothing.
      if (!(await acknowledgeComment(github, repo, comment.id))) return;
      const reply = (body: string) => github.rest.issues.createComment({ ...repo, issue_number: issue.number, body });
      if (reading.kind === "invalid") {
        await reply(renderInvalidCommand(reading, slug));
        return;
      }
      const onBotPullRequest = Boolean(issue.pull_request) && isBot(issue.user) && parseProposalMarker(issue.body ?? "") !== undefined;
      const misplaced = misplacedCommand(reading.spec, { onBotPullRequest });
      if (misplaced) {
        await reply(misplaced);
        return;
      }
      const { command: asked, spec } = reading;
      const ctx: CommandContext = { github, repo, issueNumber: issue.number, login, origin: comment.html_url, environment, slug, reply };
      jobs.start(`${repoName(repo)}#comment-${comment.id}`, { startedAt: timers.now(), origin: comment.html_url }, async () => {
        if (asked.name === "scan") {
          const state = await loadRepo(github, repo, environment);
          const refusal = typeof state === "string" ? undefined : await takeSlot(state, "scan", new Date(timers.now()));
          if (refusal) return void (await reply(refusal));
          const job: ScanJob = { installationId: context.payload.installation!.id, repo, trigger: "command", origin: comment.html_url, replyTo: issue.number, ...(asked.since ? { since: asked.since } : {}) };
          let queued: Awaited<ReturnType<ScanQueue["submit"]>>;
          try {
            queued = await scans.submit(job, scanJobId(job, { commentId: comment.id }));
          } catch (error) {
            // Redis unreachable: the maintainer hears it, rather than waiting for a report that never comes.
            app.log.error({ err: error, repo: repoName(repo) }, "cannot queue the scan");
            return void (await reply(`headscout could not queue the scan: ${publicReason(error)}`));
          }
          if (!queued.queued) await reply(`A scan of this repository is already running (started from ${queued.running.origin}); its report will follow there.`);
          return;
        }
        await inTurn(repo, async () => {
          const state = await loadRepo(github, repo, environment);
          if (typeof state === "string") return void (await reply(state));
          const refusal = spec.limited ? await takeSlot(state, asked.name as "add" | "redraft", new Date(timers.now())) : undefined;
          if (refusal) return void (await reply(refusal));
          try {
            await runCommand(ctx, state, asked);
          } catch (error) {
            app.log.error({ err: error, repo: repoName(repo), command: asked.name }, "command failed");
            await reply(`headscout could not ${asked.name}: ${publicReason(error)}`);
          }
        });
      });
    });

    // A maintainer ticks near misses on the dashboard: each is proposed as an `add` (counted by the
    // hourly limit), then the dashboard is rendered again with what became of them.
    app.on("issues.edited", async (context) => {
      const { issue, sender, changes } = context.payload;
      if (!sender || isBot(sender) || !isBot(issue.user) || issue.state !== "open" || !isDashboardBody(issue.body ?? "")) return;
      const before = new Set(readTickedNearMisses(changes?.body?.from ?? ""));
      const ticked = readTickedNearMisses(issue.body ?? "").filter((key) => !before.has(key));
      if (ticked.length === 0) return;
      const github = context.octokit as unknown as GitHub;
      const repo = context.repo();
      if (!(await mayCommand(github, repo, sender.login))) return;
      jobs.start(`${repoName(repo)}#dashboard-${context.id}`, { startedAt: timers.now(), origin: issue.html_url }, () => inTurn(repo, async () => {
        const state = await loadRepo(github, repo, environment);
        if (typeof state === "string") return;
        const notes = await proposeTicked({ github, repo, environment, by: sender.login }, state, ticked, publicReason);
        await updateDashboard(github, repo, { notes });
      }));
    });

    registerIntake(app, { jobs, registry, settings, env: options.env, answers: environment.answers, now: () => new Date(timers.now()), command, version: environment.version, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.sourcesClock ? { sourcesClock: options.sourcesClock } : {}) });

    app.on(["installation.created", "installation_repositories.added"], async (context) => {
      const payload = context.payload as { installation: { id: number }; repositories?: { full_name: string }[]; repositories_added?: { full_name: string }[] };
      const github = context.octokit as unknown as GitHub;
      for (const { full_name } of payload.repositories_added ?? payload.repositories ?? []) {
        const [owner, repo] = full_name.split("/") as [string, string];
        await onboardRepository(github, { owner, repo }, { command }).catch((error: unknown) => app.log.error({ err: error, repo: full_name }, "onboarding failed"));
        await schedules?.refresh(payload.installation.id, { owner, repo });
      }
    });

    app.on("pull_request.closed", async (context) => {
      const { pull_request: pr } = context.payload;
      const marker = parseProposalMarker(pr.body ?? "");
      if (!marker || !isBot(pr.user)) return;
      const github = context.octokit as unknown as GitHub;
      const repo = context.repo();
      const at = new Date(timers.now());
      let rejected: string[] = [];
      await updateLedger(createBranchLedgerStore(github, repo), (ledger) => {
        rejected = pr.merged ? (markMerged(ledger, pr.number, { at }), []) : closeProposal(ledger, pr.number, { by: context.payload.sender.login, at });
      }, `headscout: pull request #${pr.number} ${pr.merged ? "merged" : "closed"}`);
      if (rejected.length) await github.rest.issues.createComment({ ...repo, issue_number: pr.number, body: renderRejectionNotice(titled(rejected, pr.body ?? ""), { command }) });
    });

    app.on("pull_request.edited", async (context) => {
      const { pull_request: pr, sender } = context.payload;
      if (!sender || isBot(sender) || !isBot(pr.user) || pr.state !== "open") return;
      const marker = parseProposalMarker(pr.body ?? "");
      if (!marker || marker.mode !== "grouped") return;
      const unticked = [...readChecklist(pr.body ?? "")].filter(([, ticked]) => !ticked).map(([key]) => key);
      if (unticked.length === 0) return;
      const github = context.octokit as unknown as GitHub;
      const repo = context.repo();
      let rejected: string[] = [];
      await updateLedger(createBranchLedgerStore(github, repo), (ledger) => {
        rejected = markRejected(ledger, unticked, { pr: pr.number, how: "unticked", by: sender.login, at: new Date(timers.now()) });
      }, `headscout: papers unticked in #${pr.number}`);
      if (rejected.length === 0) return;
      await github.rest.issues.createComment({ ...repo, issue_number: pr.number, body: renderRejectionNotice(titled(rejected, pr.body ?? ""), { command }) });
      rebuild(github, repo, pr.html_url);
    });

    app.on("push", async (context) => {
      const { ref, repository, commits, installation } = context.payload;
      if (ref !== `refs/heads/${repository.default_branch}`) return;
      const github = context.octokit as unknown as GitHub;
      const repo = context.repo();
      const touched = (commits ?? []).some((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].includes(CONFIG_PATH));
      if (touched) {
        const config = await readRepoConfig(github, repo);
        await syncConfigErrorIssue(github, repo, config.kind === "invalid" ? config.problems : undefined);
        if (installation) await schedules?.refresh(installation.id, repo);
      }
      rebuild(github, repo, "a push");
    });

    let schedules: ScheduleControl | undefined;
    if (options.schedule !== false) {
      schedules = await startSchedules({
        app,
        timers,
        log: app.log,
        onTick: (installationId, repo, tick) => void scanOnSchedule(installationId, repo, tick).catch((error: unknown) => app.log.error({ err: error, repo: repoName(repo) }, "cannot queue the scheduled scan")),
      });
    }
    const close = async () => {
      schedules?.scheduler.stop();
      await scans.close();
      await jobs.idle();
      redis?.disconnect();
    };
    const interrupt = async () => {
      await Promise.all(
        [...runningScans].map(({ request, at }) =>
          updateLedger(
            createBranchLedgerStore(request.github, request.repo),
            (ledger) => void recordInterruptedScan(ledger, { at, trigger: request.trigger, by: environment.instanceId, ...(request.job ? { job: request.job } : {}) }),
            "headscout: scan interrupted (the app stopped)",
          ).catch((error: unknown) => app.log.error({ err: error, repo: repoName(request.repo) }, "cannot record the interrupted scan")),
        ),
      );
    };
    ready?.({ jobs, health, ...(schedules ? { schedules } : {}), scanOnSchedule, scans, close, interrupt });
  };
}

/** Paper keys with their titles, as a proposal body's checklist names them (for notices). */
function titled(keys: readonly string[], body: string): { key: string; title: string }[] {
  return keys.map((key) => {
    const line = body.split("\n").find((l) => l.includes(`headscout:paper ${JSON.stringify(key)}`));
    const title = line ? line.replace(/^- \[[ xX]\]\s*/, "").replace(/\s*\(`[^`]*`\).*$/, "") : key;
    return { key, title };
  });
}

export type { Context };
