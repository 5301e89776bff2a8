import type { IncomingMessage, ServerResponse } from "node:http";
import type { SourcesReport } from "../../sources/report.ts";

export const HEALTH_PATH = "/health";

interface SourceHealth {
  status: string;
  reason?: string;
  at: string;
}

/**
 * What `GET /health` answers: that the process serves, what it is doing, and how each source
 * fared in its last scan (failed is not empty). For a load balancer's probe and a person's look.
 */
export class Health {
  private readonly sources = new Map<string, SourceHealth>();
  private scans = 0;

  constructor(
    private readonly facts: {
      version: string;
      startedAt: Date;
      running: () => number;
      scheduled: () => number;
      /** Where scans queue: this process, or Redis with its connection's state (ioredis's `status`). */
      queue?: () => { kind: "in-process" } | { kind: "redis"; connection: string };
    },
  ) {}

  recordScan(report: SourcesReport | undefined, at: Date): void {
    this.scans++;
    for (const [name, source] of Object.entries(report?.sources ?? {})) {
      this.sources.set(name, { status: source.status, ...(source.reason ? { reason: source.reason.replace(/https?:\/\/\S+/g, "its endpoint") } : {}), at: at.toISOString() });
    }
  }

  snapshot() {
    const queue = this.facts.queue?.() ?? { kind: "in-process" as const };
    return {
      // Degraded, not down: webhooks are still answered, but scans cannot be queued until Redis is back.
      status: queue.kind === "redis" && queue.connection !== "ready" ? ("degraded" as const) : ("ok" as const),
      queue,
      version: this.facts.version,
      startedAt: this.facts.startedAt.toISOString(),
      scansSinceStart: this.scans,
      jobsRunning: this.facts.running(),
      repositoriesScheduled: this.facts.scheduled(),
      sources: Object.fromEntries(this.sources),
    };
  }

  /** A Probot handler: answers `GET /health`, passes everything else on. */
  handler() {
    return (req: IncomingMessage, res: ServerResponse): boolean => {
      if (req.method !== "GET" || req.url?.split("?")[0] !== HEALTH_PATH) return false;
      res.writeHead(200, { "content-type": "application/json" }).end(`${JSON.stringify(this.snapshot())}\n`);
      return true;
    };
  }
}
