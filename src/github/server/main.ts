// `npm start`: the GitHub App's server, configured by Probot's environment (APP_ID, PRIVATE_KEY,
// WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL, GHE_HOST/GHE_PROTOCOL) plus headscout's (.env.example).
import { run } from "probot";
import { describeError } from "../../errors.ts";
import { createHeadscoutApp, type HeadscoutAppHandle } from "../app.ts";
import { checkServerEnvironment } from "./check-environment.ts";

/** How long a stop waits for running scans to finish (a container gets ~30 s before SIGKILL by default). */
const SHUTDOWN_GRACE_MS = 25_000;

try {
  checkServerEnvironment(process.env);
} catch (error) {
  console.error(`headscout: ${describeError(error)}`);
  process.exit(1);
}
let handle: HeadscoutAppHandle | undefined;
const server = await run(createHeadscoutApp({ env: process.env }, (h) => (handle = h)));

// SIGTERM (a container's stop): no new scheduled scans, running ones finish within the grace
// period, then the server stops. A scan cut short leaves its ledger claim to lapse; nothing is
// half-written, since the ledger and every pull request are written in single commits.
process.once("SIGTERM", () => {
  handle?.schedules?.scheduler.stop();
  const grace = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
  void Promise.race([handle?.jobs.idle(), grace])
    .then(() => server.stop())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
