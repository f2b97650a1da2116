import { ingestBytes, titleFromFile } from "../ingest/ingest.js";
import type { Document } from "../types.js";
import { type FetchOptions, fetchResource } from "../web/fetch.js";
import { articleHints } from "../web/page.js";

/**
 * A page's URL → its Document, read exactly as the same page saved as a file would be. The URL
 * asked for becomes the article's source and link (not a canonical link the page declares: the
 * user named this address); a page without a title is named by its URL, as a file by its name.
 */
export async function readWebDocument(url: string, options: Omit<FetchOptions, "accept">): Promise<Document> {
  const fetched = await fetchResource(url, { ...options, accept: "page" });
  return asWebArticle(await ingestBytes(fetched.bytes, fetched.url, articleHints(fetched)), fetched.url);
}

/** The Document with `url` as its source and link. */
export function asWebArticle(doc: Document, url: string): Document {
  const title = doc.meta.title ?? titleFromUrl(new URL(url));
  return { ...doc, meta: { ...doc.meta, title, source: url, url } };
}

function titleFromUrl(url: URL): string {
  const last = url.pathname.split("/").filter(Boolean).pop();
  let name = url.hostname;
  try {
    name = last ? decodeURIComponent(last) : name;
  } catch {
    name = last ?? name;
  }
  return titleFromFile(name);
}
