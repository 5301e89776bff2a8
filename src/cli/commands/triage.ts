import { HeadscoutError } from "../../errors.ts";
import type { CliIo } from "../io.ts";

export async function runTriage(_args: string[], _io: CliIo): Promise<number> {
  throw new HeadscoutError("'triage' is not built yet");
}
