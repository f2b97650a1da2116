import { access } from "node:fs/promises";
import { join } from "node:path";
import { InputError, InterruptedError, WorkError } from "../errors.js";
import { type RememberedItem, readFeedMemory, rememberItem } from "../output/feed-memory.js";
import { EPISODES_DIR, episodeFileNames } from "../output/layout.js";
import type { Document } from "../types.js";
import { type FeedEntry, loadFeed } from "../web/feed.js";
import type { FetchOptions } from "../web/fetch.js";
import { isWebUrl, parseWebUrl } from "../web/url.js";
import { entryDocument } from "./feed-item.js";

export interface FeedRunOptions {
  /** The output folder: where episodes go and what it remembers of the feed. */
  output: string;
  /** Only the N newest items. default: all */
  limit?: number;
  /** Only items dated on or after this. default: all */
  since?: Date;
  fetch: Omit<FetchOptions, "accept">;
  log: (line: string) => void;
  signal?: AbortSignal;
}

/** An episode the caller built from an item's Document. */
export interface BuiltFromItem {
  guid: string;
  slug: string;
}

/**
 * Builds one episode. `previous` is the episode this item built on an earlier run, which a
 * changed item replaces (same GUID); undefined for a new item.
 */
export type BuildItem<T extends BuiltFromItem> = (doc: Document, previous?: RememberedItem) => Promise<T>;

export interface FeedRunResult<T> {
  built: T[];
  /** Items already built, unchanged since. */
  unchanged: number;
  /** Items that failed: each reported and skipped. */
  failed: Array<{ item: string; message: string; exitCode: number }>;
}

/**
 * `build --feed`: every new or changed item of an RSS or Atom feed becomes an episode; items the
 * output folder already built, unchanged, are left as they are (the podcast feed keeps them).
 * An item that fails is reported and skipped, and the others are built.
 */
export async function runFeed<T extends BuiltFromItem>(
  input: string,
  opts: FeedRunOptions,
  build: BuildItem<T>,
): Promise<FeedRunResult<T>> {
  const fetchOptions = { ...opts.fetch, ...headerOrigin(input, opts.fetch) };
  const feed = await loadFeed(input, fetchOptions);
  const chosen = choose(feed.entries, opts, input);
  const memory = await readFeedMemory(opts.output);
  const todo: FeedEntry[] = [];
  for (const entry of chosen) {
    const known = memory.get(entry.identity);
    if (
      known?.hash === entry.hash &&
      (await exists(join(opts.output, EPISODES_DIR, episodeFileNames(known.slug).manifest)))
    )
      continue;
    todo.push(entry);
  }
  opts.log(`${input}: ${chosen.length} item(s), ${todo.length} new or changed`);
  const result: FeedRunResult<T> = { built: [], unchanged: chosen.length - todo.length, failed: [] };
  // Oldest first, so episodes appear in the order the feed published them.
  for (const entry of [...todo].reverse()) {
    const label = entry.link ?? entry.identity;
    try {
      const doc = await entryDocument(entry, feed, fetchOptions);
      const previous = memory.get(entry.identity);
      const episode = await build(doc, previous);
      result.built.push(episode);
      await rememberItem(opts.output, memory, entry.identity, {
        hash: entry.hash,
        guid: episode.guid,
        slug: episode.slug,
        feed: input,
        built: new Date().toISOString(),
      });
    } catch (error) {
      if (opts.signal?.aborted || error instanceof InterruptedError) throw error;
      const known = error instanceof InputError || error instanceof WorkError;
      const message = known ? error.message : `${label}: unexpected failure: ${(error as Error).message}`;
      opts.log(`skipped: ${message}`);
      result.failed.push({ item: label, message, exitCode: known ? error.exitCode : 1 });
    }
  }
  return result;
}

/**
 * --header belongs to the feed's own site: its items' pages get it only when they are there
 * too. A feed file has no site, so a header would have nowhere safe to go.
 */
function headerOrigin(input: string, fetch: FeedRunOptions["fetch"]): { headerOrigin?: string } {
  if (!fetch.headers) return {};
  if (!isWebUrl(input)) {
    throw new InputError(
      `--header is sent to the feed's own site, and ${input} is a file; fetch the feed by its URL.`,
    );
  }
  return { headerOrigin: parseWebUrl(input).origin };
}

/** --since, then --limit: the newest items first; an undated item cannot be shown to be recent. */
function choose(entries: FeedEntry[], opts: FeedRunOptions, input: string): FeedEntry[] {
  let chosen = entries;
  if (opts.since) {
    const since = opts.since.getTime();
    const undated = chosen.filter((e) => !e.published).length;
    chosen = chosen.filter((e) => e.published && Date.parse(e.published) >= since);
    if (undated) opts.log(`${input}: ${undated} item(s) without a date left out by --since`);
  }
  const time = (e: FeedEntry) => (e.published ? Date.parse(e.published) : Number.NEGATIVE_INFINITY);
  chosen = [...chosen].sort((a, b) => time(b) - time(a) || 0);
  return opts.limit === undefined ? chosen : chosen.slice(0, opts.limit);
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
