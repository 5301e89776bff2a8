import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/helpers/setup.ts"],
    reporters: ["default", "./tests/helpers/plain-summary-reporter.ts"],
    // Tests are deterministic and offline; a slow one is a bug, not a reason to wait.
    testTimeout: 20_000,
  },
});
