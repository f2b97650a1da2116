import { type Input, readInput } from "../ingest/input.js";
import { type SegmentOptions, segment } from "../segment/segment.js";
import type { Script } from "../types.js";
import type { FetchOptions } from "../web/fetch.js";
import { isWebUrl } from "../web/url.js";

/**
 * An input: a file path, an http(s) URL, or a file's bytes with the name it had (an upload, a
 * queued job). The name gives the format (its extension) and the episode's identity (its path
 * from the working folder), as a path would.
 */
export type InputSource = string | { name: string; bytes: Uint8Array };

/** What an input is called in messages and in the list of sources. */
export function inputName(input: InputSource): string {
  return typeof input === "string" ? input : input.name;
}

/**
 * Any input the commands accept → a Script: an article (text, Markdown, HTML) or a page's URL
 * goes through ingest and segment; a script written by `presscast script` (text or JSON) is read
 * back as is, except that `options.language`, when given, replaces its language. `web` says how
 * a URL may be fetched (default: public addresses only). A file is read once, with the article
 * limits (a regular file, at most 10 MB).
 */
export async function readScript(
  input: InputSource,
  options: SegmentOptions & { web?: Omit<FetchOptions, "accept"> } = {},
): Promise<Script> {
  let read: Input;
  if (typeof input === "string" && isWebUrl(input)) {
    // The HTTP client (undici, about 20 MB) is loaded only when a URL is given.
    const { readWebInput } = await import("./read-web.js");
    read = await readWebInput(input, options.web ?? { policy: {} });
  } else {
    read = await readInput(input);
  }
  if (read.kind === "article") return segment(read.document, options);
  const { script } = read;
  return options.language ? { ...script, meta: { ...script.meta, language: options.language } } : script;
}
