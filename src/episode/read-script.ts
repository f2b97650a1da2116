import { formatFromName } from "../ingest/format.js";
import { ingestBytes, readArticle } from "../ingest/ingest.js";
import { isScriptText, scriptFromText } from "../script-file/load.js";
import { type SegmentOptions, segment } from "../segment/segment.js";
import type { Script } from "../types.js";
import type { FetchOptions } from "../web/fetch.js";
import { isWebUrl } from "../web/url.js";

/**
/**
 * Any input the commands accept → a Script: an article (text, Markdown, HTML) or a page's URL
 * goes through ingest and segment; a script written by `presscast script` (text or JSON) is read
 * back as is, except that `options.language`, when given, replaces its language. `web` says how
 * a URL may be fetched (default: public addresses only). A file is read once, with the article
 * limits (a regular file, at most 10 MB).
 */
export async function readScript(
  file: string,
  options: SegmentOptions & { web?: Omit<FetchOptions, "accept"> } = {},
): Promise<Script> {
  if (isWebUrl(file)) {
    // The HTTP client (undici, about 20 MB) is loaded only when a URL is given.
    const { readWebDocument } = await import("./read-web.js");
    return segment(await readWebDocument(file, options.web ?? { policy: {} }), options);
  }
  const bytes = await readArticle(file);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString("utf8");
  if (isScriptText(head)) {
    const script = scriptFromText(Buffer.from(bytes).toString("utf8"), file);
    return options.language ? { ...script, meta: { ...script.meta, language: options.language } } : script;
  }
  return segment(await ingestBytes(bytes, file, { format: formatFromName(file) }), options);
}
