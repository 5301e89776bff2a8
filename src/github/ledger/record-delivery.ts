import { LEDGER_LIMITS, type Ledger } from "./schema.ts";

/**
 * Remembers a webhook delivery (`X-GitHub-Delivery`) as acted on. False when it already was: a
 * redelivery, after a restart or on another replica, acts once. The oldest ids beyond
 * `LEDGER_LIMITS.deliveries` are dropped.
 */
export function recordDelivery(ledger: Ledger, id: string): boolean {
  if (ledger.deliveries.includes(id)) return false;
  ledger.deliveries.push(id);
  ledger.deliveries.splice(0, Math.max(0, ledger.deliveries.length - LEDGER_LIMITS.deliveries));
  return true;
}
