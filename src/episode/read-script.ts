import { readFile } from "node:fs/promises";
import { ingest } from "../ingest/ingest.js";
import { isScriptText, scriptFromText } from "../script-file/load.js";
import { segment } from "../segment/segment.js";
import type { Script } from "../types.js";

/**
 * Any input the commands accept → a Script: an article (text, Markdown, HTML) goes through
 * ingest and segment; a script written by `presscast script` (text or JSON) is read back as is.
 */
export async function readScript(file: string): Promise<Script> {
  const head = await readHead(file);
  if (head !== undefined && isScriptText(head)) return scriptFromText(await readFile(file, "utf8"), file);
  return segment(await ingest(file));
}

async function readHead(file: string): Promise<string | undefined> {
  try {
    const bytes = await readFile(file);
    return bytes.subarray(0, 4096).toString("utf8");
  } catch {
    return undefined; // ingest reports the missing or unreadable file with its own message.
  }
}
