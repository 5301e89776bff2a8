import { HeadscoutError } from "../../errors.ts";
import { readQueueSettings } from "../queue/queue-settings.ts";

/**
 * What the server refuses to start without. Probot would otherwise accept webhooks signed with
 * its development secret, and anyone could send it commands.
 */
export function checkServerEnvironment(env: Record<string, string | undefined>): void {
  const production = env.NODE_ENV === "production";
  if (production && !env.WEBHOOK_SECRET) {
    throw new HeadscoutError("NODE_ENV is production but WEBHOOK_SECRET is not set: refusing to accept unsigned webhooks");
  }
  if (production && (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH))) {
    throw new HeadscoutError("NODE_ENV is production but APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are not both set");
  }
  readQueueSettings(env);
}
