import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { HeadscoutError } from "../errors.ts";
import type { CatalogVersion } from "./replay.ts";

/** Whether a folder is the top of a git work tree (a folder of versions inside some repository is not). */
export function isGitRepository(path: string): boolean {
  try {
    const top = execFileSync("git", ["-C", path, "rev-parse", "--show-toplevel"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return realpathSync(top) === realpathSync(path);
  } catch {
    return false;
  }
}

/** The markdown files of a folder, in name order: one catalog version each. */
export function readFolderVersions(dir: string): CatalogVersion[] {
  const names = readdirSync(dir)
    .filter((n) => /\.(md|markdown)$/i.test(n) && statSync(join(dir, n)).isFile())
    .sort();
  if (names.length === 0) throw new HeadscoutError(`${dir} holds no .md files to replay`);
  return names.map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }));
}

function git(repo: string, args: string[]): string {
  try {
    return execFileSync("git", ["-C", repo, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (cause) {
    throw new HeadscoutError(`git ${args.join(" ")} failed in ${repo}`, { cause });
  }
}

/** The README a repository's history should be replayed for: the given file, or README.md at its root. */
export function findReadme(repo: string): string {
  const files = git(repo, ["ls-files"]).split("\n");
  const readme = files.find((f) => /^readme\.(md|markdown)$/i.test(f));
  if (!readme) throw new HeadscoutError(`${repo} has no README.md at its root; name the file with --file`);
  return readme;
}

/** Every committed version of one file, oldest first, named `NNN-DATE-SHORTSHA`. */
export function readGitVersions(repo: string, file = findReadme(repo)): CatalogVersion[] {
  if (!existsSync(repo)) throw new HeadscoutError(`${repo} does not exist`);
  const log = git(repo, ["log", "--reverse", "--format=%H %ad", "--date=short", "--", file]).trim();
  if (!log) throw new HeadscoutError(`${file} has no history in ${repo}`);
  const commits = log.split("\n").map((l) => l.split(" ") as [string, string]);
  const out: CatalogVersion[] = [];
  commits.forEach(([sha, date], i) => {
    let text: string;
    try {
      text = execFileSync("git", ["-C", repo, "show", `${sha}:${file}`], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
    } catch {
      return; // the commit deleted the file
    }
    out.push({ name: `${String(i + 1).padStart(3, "0")}-${date}-${sha.slice(0, 7)}`, text });
  });
  return out;
}
