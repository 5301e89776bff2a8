import { HeadscoutError } from "../../errors.ts";
import type { CliIo } from "../io.ts";

export async function runEval(_args: string[], _io: CliIo): Promise<number> {
  throw new HeadscoutError("'eval' is not built yet");
}
