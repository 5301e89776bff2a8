#!/usr/bin/env node
// Runs one TypeScript file (a bench or a build script) through tsx.
import { register } from "tsx/esm/api";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

register();
const [file, ...args] = process.argv.slice(2);
if (!file) {
  console.error("usage: run-ts.js FILE.ts [ARGS...]");
  process.exit(2);
}
process.argv = [process.argv[0], resolve(file), ...args];
await import(pathToFileURL(resolve(file)).href);
