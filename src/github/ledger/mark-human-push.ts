import type { Ledger } from "./schema.ts";

/**
 * Notes that the bot said it leaves a pull request alone (someone else pushed to its branch).
 * False when it already said so, or the ledger does not know the pull request: the message is
 * posted once.
 */
export function markHumanPushNoticed(ledger: Ledger, pr: number): boolean {
  const proposal = ledger.proposals[pr];
  if (!proposal || proposal.humanPushNoticed) return false;
  proposal.humanPushNoticed = true;
  return true;
}
