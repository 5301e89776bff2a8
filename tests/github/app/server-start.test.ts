import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startFakeGitHub } from "../../helpers/fake-github/index.ts";
import { freePort } from "../../helpers/free-port.ts";
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

describe("npm start with .env", () => {
  it("sees NODE_ENV=production written in .env (where Probot reads it) and refuses to start without a webhook secret", () => {
    const dir = mkdtempSync(join(tmpdir(), "headscout-env-"));
    writeFileSync(join(dir, ".env"), "NODE_ENV=production\nAPP_ID=4242\n");
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
    const run = spawnSync(process.execPath, [join(projectRoot, "bin/run-ts.js"), join(projectRoot, "src/github/server/main.ts")], { cwd: dir, env, encoding: "utf8", timeout: 15_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^headscout: .*WEBHOOK_SECRET/);
  });
});

describe("npm start with REDIS_URL", () => {
  it("refuses to start when Redis cannot be reached: exit 1, one line naming the address without its password", async () => {
    const fake = await startFakeGitHub();
    try {
      const port = await freePort();
      const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", LOG_LEVEL: "fatal", PORT: "0", HOST: "127.0.0.1", ...fake.env, REDIS_URL: `redis://:hunter2-secret@127.0.0.1:${port}/0` };
      const run = spawnSync(process.execPath, ["bin/run-ts.js", "src/github/server/main.ts"], { cwd: projectRoot, env: env as NodeJS.ProcessEnv, encoding: "utf8", timeout: 20_000 });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split("\n")).toEqual([`headscout: cannot start: cannot reach Redis at redis://127.0.0.1:${port}/0 (REDIS_URL): connect ECONNREFUSED 127.0.0.1:${port}`]);
      expect(run.stderr + run.stdout).not.toContain("hunter2");
    } finally {
      await fake.close();
    }
  }, 30_000);
});

describe("npm start, serving", () => {
  it("starts against GitHub (a fake one, through GHE_HOST), answers GET /health, and stops cleanly on SIGTERM", async () => {
    const fake = await startFakeGitHub();
    try {
      const port = await freePort();
      const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", LOG_LEVEL: "fatal", PORT: String(port), HOST: "127.0.0.1", ...fake.env };
      const child = spawn(process.execPath, ["bin/run-ts.js", "src/github/server/main.ts"], { cwd: projectRoot, env: env as NodeJS.ProcessEnv, stdio: "ignore" });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      let health: { status?: string } | undefined;
      for (let attempt = 0; attempt < 150 && !health; attempt++) {
        health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json() as Promise<{ status: string }>, () => undefined);
        if (!health) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health).toMatchObject({ status: "ok", jobsRunning: 0 });
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      await fake.close();
    }
  }, 30_000);
});
