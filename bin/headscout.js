#!/usr/bin/env node
// Runs the TypeScript sources directly (through tsx), so `npx headscout` works right after `npm ci`.
import { register } from "tsx/esm/api";

register();
const { endQuietlyOnBrokenPipe } = await import("../src/cli/io.ts");
endQuietlyOnBrokenPipe(process.stdout);
endQuietlyOnBrokenPipe(process.stderr);
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
