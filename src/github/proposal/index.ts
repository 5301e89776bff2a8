export { renderProposalBody, GITHUB_BODY_LIMIT, type ProposalBody } from "./render-proposal-body.ts";
export { parseProposalMarker, PROPOSAL_FORMAT_VERSION, type ProposalMarker } from "./sections/proposal-marker.ts";
export { readChecklist } from "./sections/checklist.ts";
export { escapeForGitHub } from "./escape.ts";
export type { ProposalInput, ProposalMode, ProposalProvenance, ProposedPaper } from "./types.ts";
