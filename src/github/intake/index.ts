// Issue-form intake: an issue opened with the catalog's "Add new paper" form becomes a proposal.
export { intakeIssue, type IntakeDeps, type IntakeIssue, type IntakeOutcome } from "./intake-issue.ts";
export { DEFAULT_INTAKE_FORM, INTAKE_FIELDS, isIntakeIssue, readIntakeForm, type IntakeForm } from "./form.ts";
export { parseIntakeIssue, type IntakeProblem, type ParsedIntake, type Submission, type SubmittedLink } from "./parse-issue.ts";
export { createPaperLookup, findSubmittedPaper, type FindResult, type PaperLookup } from "./find-paper.ts";
export { draftFromSubmission, proposeSubmission, submissionVerdict, type Submitter } from "./draft.ts";
export { checkSubmission, type SubmissionCheck } from "./check-submission.ts";
export { IntakeLimiter, type Admission } from "./limiter.ts";
export { intakeConfigSchema, type IntakeConfig } from "./config.ts";
export { recordSubmission } from "./record-submission.ts";
export * from "./texts.ts";
export { registerIntake, handleIntake, proposalForIssue, type IntakeAppDeps, type IntakeEvent, type IntakeResult } from "./handle-intake.ts";
