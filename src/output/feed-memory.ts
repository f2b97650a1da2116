import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../atomic.js";
import { FEED_MEMORY_FILE } from "./layout.js";

/**
 * What an output folder remembers of the feed items it built: for each item's identity, the
 * hash of what the item said and the episode made from it. A missing or unreadable file means
 * nothing was built yet (every item is new).
 */
export interface RememberedItem {
  hash: string;
  /** The episode's GUID and slug, so a changed item replaces that episode. */
  guid: string;
  slug: string;
  /** The feed it came from, as the user named it. */
  feed: string;
  /** ISO 8601: when it was last built. */
  built: string;
}

export type FeedMemory = Map<string, RememberedItem>;

/** An item is kept when it names its episode; one damaged entry forgets only that item. */
const itemSchema = z.looseObject({ hash: z.string(), guid: z.string(), slug: z.string() });
const memorySchema = z.object({ items: z.record(z.string(), z.unknown()) }).catch({ items: {} });

export async function readFeedMemory(output: string): Promise<FeedMemory> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(join(output, FEED_MEMORY_FILE), "utf8"));
  } catch {
    return new Map();
  }
  const items = Object.entries(memorySchema.parse(data).items);
  return new Map(
    items.filter(([, item]) => itemSchema.safeParse(item).success) as Array<[string, RememberedItem]>,
  );
}

/** Records one built item at once, so an interrupted run keeps what it finished. */
export async function rememberItem(
  output: string,
  memory: FeedMemory,
  identity: string,
  item: RememberedItem,
): Promise<void> {
  memory.set(identity, item);
  const items = Object.fromEntries([...memory.entries()].sort(([a], [b]) => a.localeCompare(b)));
  await writeFileAtomic(
    join(output, FEED_MEMORY_FILE),
    `${JSON.stringify({ version: 1, items }, null, 2)}\n`,
  );
}
