import { decode } from "../ingest/decode.js";
import { formatFromName, sniffFormat } from "../ingest/format.js";
import { ingestText, titleFromFile } from "../ingest/ingest.js";
import type { Document } from "../types.js";
import type { Fetched } from "./fetch.js";

/**
 * A fetched page → a Document, read exactly as the same page saved as a file would be: the
 * server's media type stands for the file's extension and its charset comes before the page's
 * own. The URL becomes the article's source and link (not a canonical URL the page declares:
 * the user named this address).
 */
export async function pageDocument(fetched: Fetched): Promise<Document> {
  const name = fetched.url;
  const byType = formatOfType(fetched.mediaType, fetched.finalUrl);
  const head = new TextDecoder("latin1").decode(fetched.bytes.subarray(0, 2048));
  const looksHtml = byType === "html" || /<html|<!doctype html/i.test(head);
  const text = decode(fetched.bytes, name, looksHtml ? "html" : "text", fetched.charset);
  const sniffed = sniffFormat(text);
  // Plain text that is really HTML is read as HTML, as for a .txt file; Markdown only when said.
  const format = byType === undefined ? sniffed : byType !== "html" && sniffed === "html" ? "html" : byType;
  // The HTML reader (linkedom and Readability) is loaded only for HTML, as for files.
  const html = format === "html" ? (await import("../ingest/html.js")).htmlBlocks : undefined;
  const doc = ingestText(text, name, format, html);
  const title = doc.meta.title ?? titleFromUrl(new URL(fetched.url));
  return { ...doc, meta: { ...doc.meta, title, source: fetched.url, url: fetched.url } };
}

/** A page with no title of its own is named by its URL's last path segment, as a file by its name. */
function titleFromUrl(url: URL): string {
  const last = url.pathname.split("/").filter(Boolean).pop();
  let segment = url.hostname;
  try {
    segment = last ? decodeURIComponent(last) : segment;
  } catch {
    segment = last ?? segment;
  }
  return titleFromFile(segment);
}

/**
 * The format a media type promises. text/plain says little (raw Markdown is often served as
 * it), so there the URL's own extension decides, as a file's name would.
 */
function formatOfType(mediaType: string, url: string): Document["format"] | undefined {
  if (mediaType === "text/html" || mediaType === "application/xhtml+xml") return "html";
  if (mediaType === "text/markdown" || mediaType === "text/x-markdown") return "markdown";
  const path = new URL(url).pathname;
  const ext = /\.(txt|text|md|markdown|html?|xhtml)$/i.exec(path)?.[0];
  if (ext) return formatFromName(ext);
  return mediaType === "text/plain" ? "text" : undefined;
}
