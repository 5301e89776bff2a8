import type { App, Installation, Repo, Role, User } from "../model.ts";
import { nodeId, urls, type ShapeEnv } from "./env.ts";

export function userJson(env: ShapeEnv, user: User): Record<string, unknown> {
  const api = `${env.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === "Bot" ? "Bot" : user.type === "Organization" ? "Organization" : "User", user.id),
    avatar_url: `${env.html}/avatars/u/${user.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: user.type === "Bot" ? `${env.html}/apps/${user.login.replace(/\[bot\]$/, "")}` : `${env.html}/${user.login}`,
    ...urls(api, {
      followers_url: "/followers",
      following_url: "/following{/other_user}",
      gists_url: "/gists{/gist_id}",
      starred_url: "/starred{/owner}{/repo}",
      subscriptions_url: "/subscriptions",
      organizations_url: "/orgs",
      repos_url: "/repos",
      events_url: "/events{/privacy}",
      received_events_url: "/received_events",
    }),
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

const REPO_URLS = {
  archive_url: "/{archive_format}{/ref}",
  assignees_url: "/assignees{/user}",
  blobs_url: "/git/blobs{/sha}",
  branches_url: "/branches{/branch}",
  collaborators_url: "/collaborators{/collaborator}",
  comments_url: "/comments{/number}",
  commits_url: "/commits{/sha}",
  compare_url: "/compare/{base}...{head}",
  contents_url: "/contents/{+path}",
  contributors_url: "/contributors",
  deployments_url: "/deployments",
  downloads_url: "/downloads",
  events_url: "/events",
  forks_url: "/forks",
  git_commits_url: "/git/commits{/sha}",
  git_refs_url: "/git/refs{/sha}",
  git_tags_url: "/git/tags{/sha}",
  hooks_url: "/hooks",
  issue_comment_url: "/issues/comments{/number}",
  issue_events_url: "/issues/events{/number}",
  issues_url: "/issues{/number}",
  keys_url: "/keys{/key_id}",
  labels_url: "/labels{/name}",
  languages_url: "/languages",
  merges_url: "/merges",
  milestones_url: "/milestones{/number}",
  notifications_url: "/notifications{?since,all,participating}",
  pulls_url: "/pulls{/number}",
  releases_url: "/releases{/id}",
  stargazers_url: "/stargazers",
  statuses_url: "/statuses/{sha}",
  subscribers_url: "/subscribers",
  subscription_url: "/subscription",
  tags_url: "/tags",
  teams_url: "/teams",
  trees_url: "/git/trees{/sha}",
};

/** A repository as GET /repos/{owner}/{repo} prints it (the full shape; lists and PRs use it too). */
export function repoJson(env: ShapeEnv, repo: Repo): Record<string, unknown> {
  const api = `${env.api}/repos/${repo.fullName}`;
  const html = `${env.html}/${repo.fullName}`;
  const host = new URL(env.html).host;
  const openIssues = [...repo.issues.values()].filter((i) => i.state === "open").length;
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: userJson(env, repo.owner),
    private: repo.private,
    html_url: html,
    description: null,
    fork: false,
    url: api,
    ...urls(api, REPO_URLS),
    git_url: `git://${host}/${repo.fullName}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: "Markdown",
    license: null,
    size: 1,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    open_issues: openIssues,
    open_issues_count: openIssues,
    default_branch: repo.defaultBranch,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    pushed_at: repo.pushedAt,
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    allow_forking: true,
    web_commit_signoff_required: false,
    network_count: 0,
    subscribers_count: 0,
  };
}

/** The short repository form of installation payloads and token grants. */
export function repoRefJson(repo: Repo): Record<string, unknown> {
  return { id: repo.id, node_id: nodeId("Repository", repo.id), name: repo.name, full_name: repo.fullName, private: repo.private };
}

export function installationJson(env: ShapeEnv, inst: Installation): Record<string, unknown> {
  const app = env.state.app;
  return {
    id: inst.id,
    account: userJson(env, inst.account),
    access_tokens_url: `${env.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${env.api}/installation/repositories`,
    html_url: `${env.html}/settings/installations/${inst.id}`,
    app_id: app.id,
    app_slug: app.slug,
    client_id: app.clientId,
    target_id: inst.account.id,
    target_type: inst.account.type === "Organization" ? "Organization" : "User",
    permissions: inst.permissions,
    events: inst.events,
    created_at: inst.createdAt,
    updated_at: inst.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    repository_selection: inst.repositorySelection,
    suspended_by: null,
    suspended_at: null,
  };
}

export function appJson(env: ShapeEnv, app: App): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("Integration", app.id),
    client_id: app.clientId,
    owner: userJson(env, app.owner),
    name: app.name,
    description: "",
    external_url: `${env.html}/apps/${app.slug}`,
    html_url: `${env.html}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: app.permissions,
    events: app.events,
    installations_count: env.state.installations.size,
  };
}

// GitHub's `permission` field knows only the legacy levels: maintain reads "write", triage "read".
const LEGACY: Record<Role, "admin" | "write" | "read" | "none"> = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read", none: "none" };

export function permissionJson(env: ShapeEnv, role: Role, user: User): Record<string, unknown> {
  const at = (r: Role[]) => r.includes(role);
  return {
    permission: LEGACY[role],
    role_name: role,
    user: {
      ...userJson(env, user),
      permissions: {
        admin: at(["admin"]),
        maintain: at(["admin", "maintain"]),
        push: at(["admin", "maintain", "write"]),
        triage: at(["admin", "maintain", "write", "triage"]),
        pull: role !== "none",
      },
      role_name: role,
    },
  };
}
