/**
 * Bounded disk for the cache: after a build, entries least recently used are deleted until the
 * cache is under its size limit, and temporary files older than an hour (left by a killed build)
 * are swept. Only files named the way presscast names its entries, in the folders it makes, are
 * ever touched: a cache folder pointed at the wrong place loses nothing else.
 */
import { lstat, readdir, rm } from "node:fs/promises";
import { join } from "node:path";

/** default: 2 GiB, about twelve hours of clips and their MP3 pieces. */
export const DEFAULT_CACHE_BYTES = 2 * 1024 ** 3;
/** A temp file older than this belongs to no running build. */
const TEMP_AGE_MS = 60 * 60 * 1000;
/** Entries used this recently may belong to a build still running, so they are kept. */
const RECENT_MS = 10 * 60 * 1000;

const ENTRY = /^[0-9a-f]{64}\.(wav|mp3)$/;
const TEMP = /^\.[0-9a-f]{64}\.(wav|mp3)\.\d+\.[0-9a-f]+\.tmp$/;
const SHARD = /^[0-9a-f]{2}$/;

export interface PruneResult {
  /** Entries deleted to meet the limit. */
  removed: number;
  /** Old temporary files deleted. */
  swept: number;
  /** Bytes the cache holds afterwards. */
  bytes: number;
}

interface Entry {
  path: string;
  size: number;
  used: number;
}

async function filesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Prunes `cacheDir` to `maxBytes` (entries used in the last 10 minutes are kept whatever the size). */
export async function pruneCache(
  cacheDir: string,
  maxBytes: number = DEFAULT_CACHE_BYTES,
  now: number = Date.now(),
): Promise<PruneResult> {
  const folders = (await filesIn(cacheDir)).filter((name) => SHARD.test(name) || name === "pieces");
  const entries: Entry[] = [];
  let swept = 0;
  for (const folder of folders) {
    for (const name of await filesIn(join(cacheDir, folder))) {
      const path = join(cacheDir, folder, name);
      const isTemp = TEMP.test(name);
      if (!isTemp && !ENTRY.test(name)) continue;
      const info = await lstat(path).catch(() => undefined);
      if (!info?.isFile()) continue;
      if (isTemp) {
        if (now - info.mtimeMs > TEMP_AGE_MS && (await remove(path))) swept++;
        continue;
      }
      entries.push({ path, size: info.size, used: info.mtimeMs });
    }
  }
  let bytes = entries.reduce((sum, entry) => sum + entry.size, 0);
  let removed = 0;
  entries.sort((a, b) => a.used - b.used);
  for (const entry of entries) {
    if (bytes <= maxBytes) break;
    if (now - entry.used < RECENT_MS) break;
    if (await remove(entry.path)) {
      bytes -= entry.size;
      removed++;
    }
  }
  return { removed, swept, bytes };
}

async function remove(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch {
    return false;
  }
}
