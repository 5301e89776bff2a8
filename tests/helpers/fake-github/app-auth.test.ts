import { execFile } from "node:child_process";
import { generateKeyPairSync, createSign } from "node:crypto";
import { promisify } from "node:util";
import { createProbot, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "./index.ts";
import { projectRoot } from "../shared.ts";
import { CATALOG, CONFIG, failure, octokitFor, takeRejected, useFakeGitHub } from "./testing.ts";

const fake = useFakeGitHub();

/** A Probot configured only from the environment, as `npm start` builds it (GHE_HOST, GHE_PROTOCOL). */
function probotOn(f: FakeGitHub, options: { throttle?: boolean } = {}) {
  // The throttling plugin spaces writes a second apart per installation, shared by every Probot
  // in the process; a test about the fake, not about pacing, turns it off.
  const Octokit = ProbotOctokit.defaults((o: { throttle?: object }) => ({ ...o, throttle: { ...o.throttle, enabled: options.throttle ?? true } }));
  return createProbot({ env: { ...f.env, LOG_LEVEL: "fatal" }, overrides: { Octokit } });
}

function jwt(privateKey: string, claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const body = `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}`;
  return `${body}.${createSign("RSA-SHA256").update(body).sign(privateKey, "base64url")}`;
}

describe("fake GitHub: app authentication", () => {
  it("lets Probot authenticate as the app (JWT) and as an installation, and read config with its loader", async () => {
    const f = fake();
    f.state.seedRepo({ owner: "octo-lab", repo: "catalog", files: { "README.md": CATALOG, ".github/headscout.yml": CONFIG } });
    f.state.seedRepo({ owner: "octo-lab", repo: "bare", files: { "README.md": CATALOG } });
    const probot = probotOn(f);

    const app = await probot.auth();
    const { data: me } = await app.rest.apps.getAuthenticated();
    expect(me).toMatchObject({ id: f.appId, slug: "headscout", name: "headscout" });
    const { data: installation } = await app.rest.apps.getRepoInstallation({ owner: "octo-lab", repo: "catalog" });
    expect((await app.rest.apps.listInstallations()).data.map((i) => i.id)).toEqual([installation.id]);

    const octokit = await probot.auth(installation.id);
    expect((await octokit.rest.repos.get({ owner: "octo-lab", repo: "catalog" })).data.default_branch).toBe("main");
    const listed = await octokit.rest.apps.listReposAccessibleToInstallation();
    expect(listed.data.repositories.map((r) => r.full_name)).toEqual(["octo-lab/catalog", "octo-lab/bare"]);
    expect((await octokit.config.get({ owner: "octo-lab", repo: "catalog", path: ".github/headscout.yml" })).config).toEqual({ catalog: { path: "README.md" } });
    // No config in the repository: the loader looks in octo-lab/.github, which does not exist (a 404, not an unknown route).
    expect((await octokit.config.get({ owner: "octo-lab", repo: "bare", path: ".github/headscout.yml" })).files.map((x) => x.config)).toEqual([null, null]);

    const tokenRequests = f.requests.filter((r) => r.route === "/app/installations/{installation_id}/access_tokens");
    expect(tokenRequests).toMatchObject([{ method: "POST", status: 201, actor: "app" }]);
    expect(f.requests.filter((r) => r.route === "/repos/{owner}/{repo}").every((r) => r.actor === "headscout[bot]")).toBe(true);
  });

  it("requires a credential it issued, refuses a JWT of another key, and hides repositories a token does not cover", async () => {
    const f = fake();
    f.state.seedRepo({ owner: "octo-lab", repo: "mine", files: { "README.md": CATALOG } });
    f.state.seedRepo({ owner: "other-org", repo: "theirs", files: { "README.md": CATALOG }, ownerType: "Organization" });
    const get = (auth: string | undefined, path = "/repos/octo-lab/mine") =>
      fetch(`${f.apiUrl}${path}`, { headers: auth ? { authorization: auth } : {} }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

    expect(await get(undefined)).toEqual({ status: 401, body: { message: "Requires authentication", documentation_url: "https://docs.github.com/rest/repos/repos#get-a-repository", status: "401" } });
    expect((await get("token ghs_unknown")).body.message).toBe("Bad credentials");
    const now = Math.floor(Date.now() / 1000);
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    expect((await get(`Bearer ${jwt(stranger, { iss: f.appId, iat: now - 30, exp: now + 300 })}`, "/app")).body.message).toBe("A JSON web token could not be decoded");
    expect((await get(`Bearer ${jwt(f.privateKey, { iss: f.appId, iat: now - 30, exp: now + 3600 })}`, "/app")).body.message).toBe("'Expiration time' claim ('exp') is too far in the future");
    expect((await get(`Bearer ${jwt(f.privateKey, { iss: f.appId, iat: now - 30, exp: now + 300 })}`, "/app")).status).toBe(200);
    const token = f.installationToken("octo-lab/mine");
    expect((await get(`token ${token}`, "/app")).status).toBe(401);

    expect((await get(`token ${token}`)).status).toBe(200);
    expect((await get(`Bearer ${token}`)).status).toBe(200);
    expect(await get(`token ${token}`, "/repos/other-org/theirs")).toMatchObject({ status: 404, body: { message: "Not Found" } });
    expect(f.rejected.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(takeRejected(f)).toEqual(["auth", "auth", "auth", "auth", "auth"]);
  });

  it("enforces the installation's permissions as GitHub does (app.yml's least privilege)", async () => {
    const readOnly = await startFakeGitHub({ permissions: { contents: "read", metadata: "read", pull_requests: "write" } });
    try {
      readOnly.state.seedRepo({ owner: "octo-lab", repo: "ro", files: { "README.md": CATALOG } });
      const octokit = octokitFor(readOnly, readOnly.installationToken("octo-lab/ro"));
      readOnly.act.openIssue("octo-lab/ro", "hello", "", "alice");
      expect(await failure(octokit.issues.createComment({ owner: "octo-lab", repo: "ro", issue_number: 1, body: "hi" }))).toMatchObject({
        status: 403,
        data: { message: "Resource not accessible by integration" },
      });
      const tip = readOnly.state.listCommits("octo-lab/ro", "main")[0]!.sha;
      expect((await failure(octokit.rest.git.createRef({ owner: "octo-lab", repo: "ro", ref: "refs/heads/x", sha: tip }))).status).toBe(403);
      expect((await octokit.rest.repos.getContent({ owner: "octo-lab", repo: "ro", path: "README.md" })).status).toBe(200);
      expect(readOnly.rejected.map((r) => [r.reason, r.route])).toEqual([
        ["permission", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
        ["permission", "/repos/{owner}/{repo}/git/refs"],
      ]);
    } finally {
      await readOnly.close();
    }
  });

  it("serves two Probot instances at once (two replicas): both authenticate, and the ref's compare-and-swap picks one writer", async () => {
    const f = fake();
    f.state.seedRepo({ owner: "octo-lab", repo: "replicas", files: { "README.md": CATALOG } });
    const id = f.state.installationFor(f.state.repo("octo-lab/replicas"))!.id;
    const tokensBefore = f.requests.filter((r) => r.route === "/app/installations/{installation_id}/access_tokens").length;
    const [a, b] = await Promise.all([probotOn(f, { throttle: false }).auth(id), probotOn(f, { throttle: false }).auth(id)]);
    const owner = "octo-lab";
    const repo = "replicas";
    const tip = (await a.rest.git.getRef({ owner, repo, ref: "heads/main" })).data.object.sha;
    const tree = (await a.rest.git.getCommit({ owner, repo, commit_sha: tip })).data.tree.sha;
    const write = async (octokit: typeof a, text: string) => {
      const t = await octokit.rest.git.createTree({ owner, repo, base_tree: tree, tree: [{ path: "ledger.json", mode: "100644", type: "blob", content: text }] });
      const c = await octokit.rest.git.createCommit({ owner, repo, message: text, tree: t.data.sha, parents: [tip] });
      return octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: c.data.sha, force: false });
    };
    const results = await Promise.allSettled([write(a, "replica A"), write(b, "replica B")]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(f.requests.filter((r) => r.route === "/app/installations/{installation_id}/access_tokens")).toHaveLength(tokensBefore + 2);
  });

  it("serves an app process of its own, configured only by fake.env (the multi-replica setup)", async () => {
    const f = fake();
    f.state.seedRepo({ owner: "octo-lab", repo: "child", files: { "README.md": CATALOG } });
    const script = `
      import { createProbot } from "probot";
      const app = await createProbot().auth();
      const { data: me } = await app.rest.apps.getAuthenticated();
      const { data: inst } = await app.rest.apps.getRepoInstallation({ owner: "octo-lab", repo: "child" });
      const octokit = await createProbot().auth(inst.id);
      const { data: repo } = await octokit.rest.repos.get({ owner: "octo-lab", repo: "child" });
      console.log(JSON.stringify({ slug: me.slug, branch: repo.default_branch }));`;
    const env = { PATH: process.env.PATH ?? "", ...f.env, LOG_LEVEL: "fatal" as const };
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: projectRoot, env });
    expect(JSON.parse(stdout)).toEqual({ slug: "headscout", branch: "main" });
    expect(f.requests.filter((r) => r.path === "/repos/octo-lab/child").map((r) => r.actor)).toEqual(["headscout[bot]"]);
  });
});
