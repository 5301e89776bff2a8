import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { HeadscoutError } from "../errors.ts";

/** The file-system calls the writer makes; tests inject failing ones (EACCES, ENOSPC). */
export interface AtomicWriteFs {
  realpath(path: string): string;
  stat(path: string): { mode: number; isFile(): boolean };
  writeFile(path: string, data: Uint8Array, options: { mode: number; flag: string; flush: boolean }): void;
  chmod(path: string, mode: number): void;
  rename(from: string, to: string): void;
  rm(path: string): void;
}

export const nodeFs: AtomicWriteFs = {
  realpath: (path) => realpathSync(path),
  stat: (path) => statSync(path),
  writeFile: (path, data, options) => writeFileSync(path, data, options),
  chmod: (path, mode) => chmodSync(path, mode),
  rename: (from, to) => renameSync(from, to),
  rm: (path) => rmSync(path, { force: true }),
};

export interface WriteFileAtomicOptions {
  /** The file as the user named it, for messages (default: the path). */
  name?: string;
  fs?: AtomicWriteFs;
}

/**
 * Writes beside the file and renames over it, so a failure (disk full, a crash) never leaves half
 * a catalog behind. A symlink's target is written (the link stays a link); the file's mode is
 * kept; a file without its owner's write bit is refused, even for root, who could write it anyway.
 * Every failure is one HeadscoutError naming the file, and leaves the file as it was and no
 * temporary file behind.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): void {
  const fs = options.fs ?? nodeFs;
  const name = options.name ?? path;
  const fail = (problem: string, cause?: unknown): never => {
    throw new HeadscoutError(`cannot write ${name}: ${problem}; ${name} is unchanged`, { cause, causeDescribed: true });
  };

  let target = path;
  let mode = 0o644;
  try {
    target = fs.realpath(path);
    const stats = fs.stat(target);
    if (!stats.isFile()) fail("it is not a regular file");
    mode = stats.mode & 0o7777;
  } catch (error) {
    if (error instanceof HeadscoutError) throw error;
    // A new file is written with the usual mode; any other problem is the caller's to hear about.
    if (codeOf(error) !== "ENOENT") fail(describeFsError(error), error);
  }
  if ((mode & 0o200) === 0) fail(`it is read-only (mode ${mode.toString(8).padStart(4, "0")}); make it writable to let headscout edit it`);

  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const temp = join(dirname(target), `.${basename(target)}.headscout-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    fs.writeFile(temp, bytes, { mode, flag: "wx", flush: true });
    // The umask may have taken bits off the mode the file was created with.
    fs.chmod(temp, mode);
    fs.rename(temp, target);
  } catch (error) {
    try {
      fs.rm(temp);
    } catch {
      // Nothing more can be done; the message below still says what failed.
    }
    fail(describeFsError(error), error);
  }
}

const FS_PROBLEMS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "the file system is read-only",
  ENOENT: "its folder does not exist",
  EISDIR: "it is a folder",
  EIO: "an input/output error",
  ELOOP: "too many levels of symbolic links",
};

/** "permission denied (EACCES)", from a Node fs error. */
export function describeFsError(error: unknown): string {
  const code = codeOf(error);
  if (code) return `${FS_PROBLEMS[code] ?? code.toLowerCase()} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}
