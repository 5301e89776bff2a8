import { HeadscoutError } from "../../errors.ts";
import { parseLedgerText, serializeLedger } from "./ledger-json.ts";
import { emptyLedger } from "./schema.ts";
import { LedgerConflictError, type LedgerStore } from "./store.ts";

/** Outside the pull-request namespace `headscout/…`, so no PR logic ever touches it. */
export const STATE_BRANCH = "headscout-state";
export const LEDGER_FILE = "ledger.json";

type Repo = { owner: string; repo: string };
type TreeEntry = { path: string; mode: "100644"; type: "blob"; sha?: string; content?: string };

/**
 * The git data API calls the store makes, as Octokit (`@octokit/rest`, or Probot's
 * `context.octokit` with its retry and throttling plugins) offers them.
 */
export interface LedgerOctokit {
  rest: {
    git: {
      getRef(params: Repo & { ref: string }): Promise<{ data: { object: { sha: string } } }>;
      getCommit(params: Repo & { commit_sha: string }): Promise<{ data: { tree: { sha: string } } }>;
      getTree(params: Repo & { tree_sha: string }): Promise<{ data: { tree: { path?: string; type?: string; sha?: string }[] } }>;
      getBlob(params: Repo & { file_sha: string }): Promise<{ data: { content: string; encoding: string } }>;
      createBlob(params: Repo & { content: string; encoding: string }): Promise<{ data: { sha: string } }>;
      createTree(params: Repo & { tree: TreeEntry[]; base_tree?: string }): Promise<{ data: { sha: string } }>;
      createCommit(params: Repo & { message: string; tree: string; parents: string[] }): Promise<{ data: { sha: string } }>;
      createRef(params: Repo & { ref: string; sha: string }): Promise<unknown>;
      updateRef(params: Repo & { ref: string; sha: string; force: boolean }): Promise<unknown>;
    };
  };
}

/** What the state branch says about itself to whoever opens it (written with the first ledger). */
export const STATE_BRANCH_README = `# ${STATE_BRANCH}

This branch is headscout's memory for this repository: \`${LEDGER_FILE}\` records the windows it
searched, every paper it judged (and why), the pull requests it opened, and the papers maintainers
rejected, so that no paper is proposed twice and no rejected paper comes back. headscout commits
here once per scan (messages end in \`[skip ci]\`); it never merges this branch anywhere.

It is safe to read, and safe to edit by hand: headscout reads the file again before each write and
builds on your commit, never over it. An edit that breaks the format stops headscout's writes with
an error naming the key; revert it or fix that key. Deleting \`${LEDGER_FILE}\` resets the memory
(papers the catalog lists are still never proposed). Do not merge this branch into another.
`;

/**
 * The ledger on the catalog repository's `headscout-state` branch, through the git data API. Its
 * version is the branch's head commit; a write is blob → tree (on the previous tree) → commit (on
 * the expected head) → ref moved without force, so GitHub itself refuses a write based on a stale
 * head (422 "Update is not a fast forward", or "Reference already exists" when two writers create
 * the branch), which becomes a LedgerConflictError for updateLedger to retry. Every call goes
 * through the Octokit given; its plugins handle rate limits.
 */
export function createBranchLedgerStore(octokit: LedgerOctokit, repo: Repo): LedgerStore {
  const fullName = `${repo.owner}/${repo.repo}`;
  const name = `${LEDGER_FILE} on branch ${STATE_BRANCH} of ${fullName}`;
  const git = octokit.rest.git;
  // Commit → its tree, so a write right after a read needs no extra request for its base tree.
  const trees = new Map<string, string>();

  const call = async <T>(doing: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw new HeadscoutError(`cannot ${doing} for ${name}${httpStatus(error)}`, { cause: error });
    }
  };
  const treeOf = async (commit: string): Promise<string> => {
    const known = trees.get(commit);
    if (known) return known;
    const { data } = await call(`read commit ${commit}`, () => git.getCommit({ ...repo, commit_sha: commit }));
    trees.set(commit, data.tree.sha);
    return data.tree.sha;
  };

  return {
    name,
    async read() {
      let head: string;
      try {
        head = (await git.getRef({ ...repo, ref: `heads/${STATE_BRANCH}` })).data.object.sha;
      } catch (error) {
        if (statusOf(error) === 404) return { ledger: emptyLedger(), version: null };
        throw new HeadscoutError(`cannot read branch ${STATE_BRANCH} of ${fullName}${httpStatus(error)}`, { cause: error });
      }
      const tree = await treeOf(head);
      const { data } = await call(`list the files of commit ${head}`, () => git.getTree({ ...repo, tree_sha: tree }));
      const entry = data.tree.find((e) => e.path === LEDGER_FILE && e.type === "blob" && e.sha);
      // Removed by hand: the memory starts afresh, on top of the branch as it is.
      if (!entry) return { ledger: emptyLedger(), version: head };
      const blob = await call(`read ${LEDGER_FILE} at ${head}`, () => git.getBlob({ ...repo, file_sha: entry.sha! }));
      const text = blob.data.encoding === "base64" ? Buffer.from(blob.data.content, "base64").toString("utf8") : blob.data.content;
      return { ledger: parseLedgerText(text, `${name} (commit ${head})`), version: head };
    },

    async write(ledger, expected, message) {
      const baseTree = expected ? await treeOf(expected) : undefined;
      const blob = await call(`store ${LEDGER_FILE}`, () => git.createBlob({ ...repo, content: serializeLedger(ledger), encoding: "utf-8" }));
      const entries: TreeEntry[] = [{ path: LEDGER_FILE, mode: "100644", type: "blob", sha: blob.data.sha }];
      if (!expected) entries.push({ path: "README.md", mode: "100644", type: "blob", content: STATE_BRANCH_README });
      const tree = await call("build the ledger's tree", () => git.createTree({ ...repo, tree: entries, ...(baseTree ? { base_tree: baseTree } : {}) }));
      const commit = await call("commit the ledger", () =>
        git.createCommit({ ...repo, message: withSkipCi(message), tree: tree.data.sha, parents: expected ? [expected] : [] }),
      );
      const sha = commit.data.sha;
      try {
        if (expected) await git.updateRef({ ...repo, ref: `heads/${STATE_BRANCH}`, sha, force: false });
        else await git.createRef({ ...repo, ref: `refs/heads/${STATE_BRANCH}`, sha });
      } catch (error) {
        if (isConflict(error)) {
          throw new LedgerConflictError(`${name} moved since ${expected ? `commit ${expected}` : "it was found missing"}: another writer got there first`, { cause: error });
        }
        throw new HeadscoutError(`cannot ${expected ? "move" : "create"} branch ${STATE_BRANCH} of ${fullName}${httpStatus(error)}`, { cause: error });
      }
      trees.set(sha, tree.data.sha);
      return sha;
    },
  };
}

/** Commits on the state branch trigger no workflow. */
export function withSkipCi(message: string): string {
  const trimmed = message.trim() || "headscout: update the ledger";
  return /\[skip ci\]$/.test(trimmed) ? trimmed : `${trimmed} [skip ci]`;
}

// GitHub's answers when the ref is not where the writer expected it.
const CONFLICT_MESSAGES = /not a fast.forward|reference already exists|reference does not exist/i;

function isConflict(error: unknown): boolean {
  if (statusOf(error) !== 422) return false;
  const data = (error as { response?: { data?: unknown } }).response?.data;
  const message = typeof data === "object" && data !== null ? (data as { message?: unknown }).message : undefined;
  return CONFLICT_MESSAGES.test(typeof message === "string" ? message : error instanceof Error ? error.message : "");
}

/** " (HTTP 502)", or nothing for an error without a status (a network failure). */
function httpStatus(error: unknown): string {
  const status = statusOf(error);
  return status ? ` (HTTP ${status})` : "";
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === "number" ? status : undefined;
}
