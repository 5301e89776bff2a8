// `npm start`: the GitHub App's server, configured by Probot's environment (APP_ID, PRIVATE_KEY,
// WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL, GHE_HOST/GHE_PROTOCOL) plus headscout's (.env.example).
import { run } from "probot";
import { describeError } from "../../errors.ts";
import { createHeadscoutApp, type HeadscoutAppHandle } from "../app.ts";
import { checkServerEnvironment } from "./check-environment.ts";
import { readDotEnv } from "./read-dot-env.ts";

/** How long a stop waits for running scans to finish (a container gets ~30 s before SIGKILL by default). */
const SHUTDOWN_GRACE_MS = 22_000;
/** Then how long recording the unfinished ones as interrupted may take. */
const INTERRUPT_MS = 5_000;

try {
  // Probot loads .env only inside run(): the check reads it beside the process environment (which
  // wins, as with Probot), so a secret or NODE_ENV=production written there is seen.
  checkServerEnvironment({ ...readDotEnv(), ...process.env });
} catch (error) {
  console.error(`headscout: ${describeError(error)}`);
  process.exit(1);
}
let handle: HeadscoutAppHandle | undefined;
// REDIS_URL is headscout's (the shared scan queue); Probot would also read it, to cluster its
// GitHub throttling, by downloading ioredis at run time. It does not see it: each replica spaces
// its own GitHub writes.
const probotEnv = new Proxy(process.env, { get: (env, name) => (name === "REDIS_URL" ? undefined : Reflect.get(env, name)) });
let server: Awaited<ReturnType<typeof run>>;
try {
  server = await run(createHeadscoutApp({ env: process.env }, (h) => (handle = h)), { env: probotEnv });
} catch (error) {
  // Redis unreachable, GitHub refusing the app's credentials: one line, then a non-zero exit for the orchestrator.
  console.error(`headscout: cannot start: ${describeError(error).split("\n")[0]}`);
  process.exit(1);
}

// SIGTERM (a container's stop): no new scheduled scans, no new queued scans taken, running ones
// finish within the grace period. One still running then is recorded as interrupted in its
// ledger, its claim let go (on Redis, another replica runs the job again once its lock lapses),
// and the server stops. Nothing is half-written: the ledger and every pull request are written in
// single commits.
const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
process.once("SIGTERM", () => {
  const grace = after(SHUTDOWN_GRACE_MS).then(() => Promise.race([handle?.interrupt(), after(INTERRUPT_MS)]));
  void Promise.race([handle?.close(), grace])
    .then(() => server.stop())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
