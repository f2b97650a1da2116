import type { ArticleHints } from "../ingest/ingest.js";
import type { Fetched } from "./fetch.js";

/**
 * What a response says about the article it carries, as a file's name would: the format its
 * media type promises and the charset its Content-Type names. text/plain promises little (raw
 * Markdown is often served as it), so there the URL's own extension speaks; the content decides
 * the rest, as for a file.
 */
export function articleHints(fetched: Fetched): ArticleHints {
  return { format: formatOf(fetched.mediaType, fetched.finalUrl), charset: fetched.charset };
}

function formatOf(mediaType: string, url: string): ArticleHints["format"] {
  if (mediaType === "text/html" || mediaType === "application/xhtml+xml") return "html";
  if (mediaType === "text/markdown" || mediaType === "text/x-markdown") return "markdown";
  const path = new URL(url).pathname.toLowerCase();
  if (/\.(md|markdown)$/.test(path)) return "markdown";
  if (/\.(html?|xhtml)$/.test(path)) return "html";
  return mediaType === "text/plain" ? "text" : undefined;
}
