import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { parseFeed } from "@rowanmanning/feed-parser";
import { InputError } from "../errors.js";
import { type FetchOptions, fetchResource } from "./fetch.js";
import { isWebUrl } from "./url.js";

/** One item of an RSS or Atom feed, as presscast needs it. */
export interface FeedEntry {
  /** The item's GUID (RSS guid, Atom id), else its link: what a later run knows it by. */
  identity: string;
  title?: string;
  /** Absolute http(s) link to the article, if the item has one. */
  link?: string;
  /** ISO 8601: the item's own date (published, else updated). */
  published?: string;
  /** HTML of the full content (content:encoded, Atom content), else the description. */
  content?: string;
  /** Hash of what the item says: a changed hash means the article changed. */
  hash: string;
}

export interface Feed {
  /** The feed as the user named it (URL or file). */
  source: string;
  title?: string;
  language?: string;
  entries: FeedEntry[];
}

const MAX_FEED_BYTES = 10 * 1024 * 1024;

/** A feed from a URL (fetched under the same rules as a page) or a file. */
export async function loadFeed(input: string, fetchOptions: Omit<FetchOptions, "accept">): Promise<Feed> {
  if (isWebUrl(input)) {
    const fetched = await fetchResource(input, { ...fetchOptions, accept: "feed" });
    return readFeed(decodeXml(fetched.bytes, input, fetched.charset), fetched.url, fetched.finalUrl);
  }
  return readFeed(decodeXml(await readBounded(input), input), input);
}

/**
 * Feed XML → its entries, through a feed parser (RSS 0.9–2.0, RDF and Atom). An item with neither
 * a GUID nor a link, or with the identity of an earlier item, is left out.
 */
export function readFeed(xml: string, source: string, base?: string): Feed {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(xml);
  } catch (error) {
    throw new InputError(`${source} is not an RSS or Atom feed (${(error as Error).message}).`);
  }
  const entries: FeedEntry[] = [];
  const seen = new Set<string>();
  for (const item of parsed.items) {
    const link = absoluteLink(item.url, base ?? (isWebUrl(source) ? source : undefined));
    const identity = item.id?.trim() || link;
    // An item without an identity, or repeating one, cannot be told apart on a later run.
    if (!identity || seen.has(identity)) continue;
    seen.add(identity);
    const content = item.content?.trim() || item.description?.trim() || undefined;
    const date = item.published ?? item.updated;
    const published = date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
    const title = item.title?.trim() || undefined;
    const hash = createHash("sha256")
      .update(JSON.stringify([title, link, content, item.updated?.toISOString() ?? published]))
      .digest("hex");
    entries.push({
      identity,
      hash,
      ...(title ? { title } : {}),
      ...(link ? { link } : {}),
      ...(published ? { published } : {}),
      ...(content ? { content } : {}),
    });
  }
  return {
    source,
    entries,
    ...(parsed.title ? { title: parsed.title } : {}),
    ...(parsed.language ? { language: parsed.language } : {}),
  };
}

/** Only http(s) links are followed; a relative one is resolved against the feed's address. */
function absoluteLink(url: string | null, base: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/** XML bytes → text: a BOM, else the HTTP charset, else the XML declaration, else UTF-8. */
function decodeXml(bytes: Uint8Array, source: string, charset?: string): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  const label = charset ?? declared ?? "utf-8";
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(
      `${source} is not valid ${label.toUpperCase()} text, so it cannot be read as a feed.`,
    );
  }
}

async function readBounded(file: string): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT" ? `${file} does not exist; check the path.` : `${file} cannot be read (${code}).`,
    );
  }
  try {
    if (!(await handle.stat()).isFile())
      throw new InputError(`${file} is not a regular file, so not a feed.`);
    // Read with a bound, whatever the file claims its size is.
    const buffer = Buffer.alloc(MAX_FEED_BYTES + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > MAX_FEED_BYTES)
        throw new InputError(`${file} is larger than 10 MB, too large for a feed.`);
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
