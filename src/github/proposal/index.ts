export { renderProposalBody, GITHUB_BODY_LIMIT, type ProposalBody } from "./render-proposal-body.ts";
export { parseProposalMarker, PROPOSAL_FORMAT_VERSION, type ProposalMarker } from "./sections/proposal-marker.ts";
export { readChecklist } from "./sections/checklist.ts";
export { escapeForGitHub } from "./escape.ts";
export { renderScanReply, type ScanReplyInput } from "./comments/scan-reply.ts";
export { renderRejectionNotice } from "./comments/rejection-notice.ts";
export { renderHumanPushNotice } from "./comments/human-push-notice.ts";
export { renderOutsiderReply } from "./comments/outsider-reply.ts";
export type { ProposalInput, ProposalMode, ProposalProvenance, ProposedPaper } from "./types.ts";
