import { InputError } from "../errors.js";
import { titleFromFile } from "../ingest/ingest.js";
import { type Input, readInput } from "../ingest/input.js";
import type { Document } from "../types.js";
import { type FetchOptions, fetchResource } from "../web/fetch.js";

/**
 * A page's URL → what it holds, read exactly as the same page saved as a file would be: its
 * media type and address stand for a file's extension, its Content-Type charset counts. The URL
 * asked for becomes an article's source and link (not a canonical link the page declares: the
 * user named this address); a page without a title is named by its URL, as a file by its name.
 */
export async function readWebInput(url: string, options: Omit<FetchOptions, "accept">): Promise<Input> {
  const fetched = await fetchResource(url, { ...options, accept: "page" });
  const input = await readInput({
    name: fetched.url,
    bytes: fetched.bytes,
    mediaType: fetched.mediaType,
    location: fetched.finalUrl,
    charset: fetched.charset,
    title: titleFromUrl(new URL(fetched.url)),
  });
  if (input.kind === "script") return input;
  const doc = input.document;
  return {
    kind: "article",
    document: { ...doc, meta: { ...doc.meta, source: fetched.url, url: fetched.url } },
  };
}

/** A page's URL → its article's Document; a presscast script there is not an article. */
export async function readWebDocument(url: string, options: Omit<FetchOptions, "accept">): Promise<Document> {
  const input = await readWebInput(url, options);
  if (input.kind === "script") throw new InputError(`${url} is a presscast script, not an article page.`);
  return input.document;
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
