import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, createProbot, type Probot } from "probot";
import { describe, expect, it } from "vitest";
import { signWebhook, webhook } from "./send-webhook.ts";
import { CATALOG, commitAsApp, seedCatalog, useFakeGitHub } from "./testing.ts";

const fake = useFakeGitHub();

async function listen(handler: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("fake GitHub: webhook deliveries", () => {
  it("builds a delivery on the real example payload with the fields overridden", () => {
    const d = webhook("issue_comment", "created", { comment: { body: "@headscout scan" }, installation: { id: 7 } });
    expect(d.name).toBe("issue_comment");
    expect(d.payload).toMatchObject({ action: "created", comment: { body: "@headscout scan", user: { login: "Codertocat", type: "User" } }, installation: { id: 7 } });
    expect(d.payload).not.toHaveProperty("changes");
    // GitHub's documented test vector for X-Hub-Signature-256.
    expect(signWebhook("It's a Secret to Everybody", "Hello, World!")).toBe("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  });

  it("signs and POSTs a delivery with GitHub's headers to a tiny receiver that checks the HMAC", async () => {
    const f = fake();
    const received: { headers: IncomingHttpHeaders; valid: boolean; payload: Record<string, unknown> }[] = [];
    const receiver = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac("sha256", f.webhookSecret).update(body).digest("hex")}`);
        const given = Buffer.from(String(req.headers["x-hub-signature-256"]));
        received.push({ headers: req.headers, valid: given.length === expected.length && timingSafeEqual(given, expected), payload: JSON.parse(body.toString("utf8")) });
        res.writeHead(202).end();
      });
    });
    try {
      seedCatalog(f, "hooked");
      f.act.openIssue("octo-lab/hooked", "Scan", "", "alice");
      const delivery = f.act.comment("octo-lab/hooked", 1, "@headscout scan", "alice");
      const result = await f.sendWebhook(receiver.url, delivery);
      expect(result.status).toBe(202);
      expect(result.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
      expect(result.elapsedMs).toBeGreaterThan(0);
      const [got] = received;
      expect(got!.valid).toBe(true);
      expect(got!.headers).toMatchObject({
        "x-github-event": "issue_comment",
        "x-github-delivery": result.deliveryId,
        "x-github-hook-id": "123456789",
        "x-github-hook-installation-target-id": String(f.appId),
        "content-type": "application/json",
      });
      expect(got!.payload).toMatchObject({
        action: "created",
        comment: { body: "@headscout scan", user: { login: "alice" } },
        issue: { number: 1 },
        repository: { full_name: "octo-lab/hooked" },
        installation: { id: f.state.installationFor(f.state.repo("octo-lab/hooked"))!.id },
      });
      expect((await f.sendWebhook(receiver.url, delivery, { signWith: "wrong" })).status).toBe(202);
      expect(received[1]!.valid).toBe(false);
    } finally {
      await receiver.close();
    }
  });

  it("reaches a Probot app, whose handler answers through the fake: 👀 on the comment; a forged signature is refused", async () => {
    const f = fake();
    seedCatalog(f, "probot-hooks");
    f.act.openIssue("octo-lab/probot-hooks", "Scan", "", "alice");
    const seen: string[] = [];
    const appFn = (app: Probot) => {
      app.on("issue_comment.created", async (context) => {
        seen.push(context.id);
        await context.octokit.rest.reactions.createForIssueComment(context.repo({ comment_id: context.payload.comment.id, content: "eyes" }));
      });
    };
    const probot = createProbot({ env: { ...f.env, LOG_LEVEL: "fatal" } });
    const receiver = await listen(await createNodeMiddleware(appFn, { probot, webhooksPath: "/api/github/webhooks" }));
    try {
      const delivery = f.act.comment("octo-lab/probot-hooks", 1, "@headscout scan", "alice");
      expect((await f.sendWebhook(receiver.url, delivery, { signWith: "forged" })).status).toBe(400);
      expect(seen).toEqual([]);
      const sent = await f.sendWebhook(receiver.url, delivery);
      expect(sent.status).toBe(200);
      // A redelivery: the same X-GitHub-Delivery again (the app, not the fake, must act once).
      await f.sendWebhook(receiver.url, { ...delivery, id: sent.deliveryId });
      expect(seen).toEqual([sent.deliveryId, sent.deliveryId]);
      const commentId = (delivery.payload.comment as { id: number }).id;
      expect(f.events.filter((e) => e.type === "reaction.created")).toMatchObject([{ commentId, content: "eyes", actor: "headscout[bot]" }]);
    } finally {
      await receiver.close();
    }
  });

  it("turns what the app did through the API into the webhook GitHub would send for it", async () => {
    const f = fake();
    const { octokit, owner, repo } = seedCatalog(f, "echo");
    await commitAsApp(octokit, { owner, repo, branch: "headscout/e" }, { "README.md": `${CATALOG}- 2025-04-01 Echo heads\n` });
    await octokit.pulls.create({ owner, repo, head: "headscout/e", base: "main", title: "e" });
    const opened = f.events.find((e) => e.type === "pull_request.opened" && e.repo === `${owner}/${repo}`)!;
    const delivery = f.deliveries.forEvent(opened);
    expect(delivery.name).toBe("pull_request");
    expect(delivery.payload).toMatchObject({ action: "opened", number: 1, sender: { login: "headscout[bot]", type: "Bot" }, pull_request: { head: { ref: "headscout/e" }, mergeable: null } });
    const pushed = f.deliveries.forEvent(f.events.find((e) => e.type === "ref.created" && e.repo === `${owner}/${repo}`)!);
    expect(pushed.payload).toMatchObject({ ref: "refs/heads/headscout/e", created: true, commits: [{ modified: ["README.md"] }] });
  });

  it("installs the app as an account would: installation.created, then installation_repositories.added", async () => {
    const f = fake();
    f.state.seedRepo({ owner: "newcomer", repo: "catalog", files: { "README.md": CATALOG }, installed: false });
    f.state.seedRepo({ owner: "newcomer", repo: "papers", files: { "README.md": CATALOG }, installed: false });
    expect(f.state.installationFor(f.state.repo("newcomer/catalog"))).toBeUndefined();
    const created = f.act.install("newcomer", ["catalog"]);
    expect(created.payload).toMatchObject({ action: "created", installation: { account: { login: "newcomer" }, app_slug: "headscout" }, repositories: [{ full_name: "newcomer/catalog" }], sender: { login: "newcomer" } });
    const added = f.act.addRepositories("newcomer", ["papers"]);
    expect(added.payload).toMatchObject({ action: "added", repositories_added: [{ full_name: "newcomer/papers" }], repositories_removed: [] });
    const id = (created.payload.installation as { id: number }).id;
    expect(f.state.repositoriesOf(f.state.installations.get(id)!).map((r) => r.fullName)).toEqual(["newcomer/catalog", "newcomer/papers"]);
  });
});
