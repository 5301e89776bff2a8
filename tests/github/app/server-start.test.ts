import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../helpers/shared.ts";

describe("npm start", () => {
  it("refuses to start in production without a webhook secret: exit 1, one line naming WEBHOOK_SECRET", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    // Nothing but what the process needs: no secret inherited from the test runner's environment.
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", APP_ID: "4242", PRIVATE_KEY: privateKey, GHE_HOST: "127.0.0.1:9", GHE_PROTOCOL: "http", PORT: "0", HOST: "127.0.0.1" };
    const run = spawnSync(process.execPath, ["bin/run-ts.js", "src/github/server/main.ts"], { cwd: projectRoot, env, encoding: "utf8", timeout: 15_000 });

    expect(run.error).toBeUndefined();
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^headscout: .*WEBHOOK_SECRET/);
    expect(run.stderr).not.toContain("PRIVATE KEY");
    expect(run.stdout).toBe("");
  });
});
