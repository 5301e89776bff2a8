import { HeadscoutError } from "../../errors.ts";
import type { CliIo } from "../io.ts";

export async function runSources(_args: string[], _io: CliIo): Promise<number> {
  throw new HeadscoutError("'sources' is not built yet");
}
