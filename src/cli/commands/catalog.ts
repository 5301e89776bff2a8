import { HeadscoutError } from "../../errors.ts";
import type { CliIo } from "../io.ts";

export async function runCatalog(_args: string[], _io: CliIo): Promise<number> {
  throw new HeadscoutError("'catalog' is not built yet");
}
