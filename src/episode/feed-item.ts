import { InputError } from "../errors.js";
import { ingestText } from "../ingest/ingest.js";
import type { Block, Document } from "../types.js";
import type { Feed, FeedEntry } from "../web/feed.js";
import type { FetchOptions } from "../web/fetch.js";
import { readWebDocument } from "./read-web.js";

/** A feed's own content holds the article when it has at least this many words once read. */
export const FULL_CONTENT_WORDS = 150;

/**
 * One feed item → the Document of its article: the item's own content when that is the whole
 * article (a summary or a teaser is not), else the page its link names, fetched like any URL.
 * The item's link is the article's source and link; its date, when it has one, is the article's.
 */
export async function entryDocument(
  entry: FeedEntry,
  feed: Feed,
  fetchOptions: Omit<FetchOptions, "accept">,
): Promise<Document> {
  const name = entry.link ?? `${feed.source} (item ${entry.identity})`;
  let doc = entry.content ? await contentDocument(entry, name) : undefined;
  const words = doc ? wordCount(doc.blocks) : 0;
  if (!doc || words < FULL_CONTENT_WORDS) {
    if (!entry.link) {
      throw new InputError(
        `${name} has ${words} words of content and no link to the article, so there is nothing to read.`,
      );
    }
    doc = await readWebDocument(entry.link, fetchOptions);
  }
  const meta = { ...doc.meta };
  if (entry.title) meta.title = entry.title;
  if (entry.published) meta.published = entry.published;
  if (!meta.language && feed.language) meta.language = feed.language;
  meta.source = name;
  if (entry.link) meta.url = entry.link;
  return { ...doc, meta };
}

/** The item's HTML content read as a page of its own; undefined when nothing readable is left. */
async function contentDocument(entry: FeedEntry, name: string): Promise<Document | undefined> {
  const { htmlBlocks } = await import("../ingest/readers/html.js");
  const page =
    `<!doctype html><html><head><title>${escapeText(entry.title ?? "")}</title></head>` +
    `<body><article>${entry.content ?? ""}</article></body></html>`;
  try {
    return ingestText(page, name, "html", htmlBlocks);
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

function wordCount(blocks: Block[]): number {
  let words = 0;
  for (const block of blocks) {
    if (block.kind === "heading" || !("text" in block)) continue;
    words += block.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  }
  return words;
}

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
