// `npm start`: the GitHub App's server, configured by Probot's environment (APP_ID, PRIVATE_KEY,
// WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL, GHE_HOST/GHE_PROTOCOL) plus headscout's (.env.example).
import { run } from "probot";
import { describeError } from "../../errors.ts";
import { createHeadscoutApp } from "../app.ts";
import { checkServerEnvironment } from "./check-environment.ts";

try {
  checkServerEnvironment(process.env);
} catch (error) {
  console.error(`headscout: ${describeError(error)}`);
  process.exit(1);
}
await run(createHeadscoutApp({ env: process.env }));
