// The GitHub Action's entry point (action.yml runs it through bin/run-ts.js): one scan of the
// workflow's repository, its exit code the CLI's (1 a source failed, 3 the LLM could not judge).
import { runAction } from "./run-action.ts";

const { code } = await runAction(process.env);
process.exitCode = code;
