/**
 * What feed.xml and the player pages were written from, as a hash feed.xml carries in a comment:
 * the episodes as published, the show's settings and cover, and the code that writes them. A
 * build that would write the same files again (an unchanged episode) leaves them as they are,
 * and so their lastBuildDate, which RSS defines as the last time the channel's content changed.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EPISODES_DIR, episodeFileNames, FEED_FILE, PLAYER_FILE } from "../output/layout.js";
import type { EpisodeManifest } from "../types.js";
import type { PodcastConfig } from "./config.js";

const PREFIX = "<!-- presscast feed ";
const SUFFIX = " -->";

/** The key of the feed and pages made from `episodes` and `shown` by this copy of presscast. */
export function feedKey(episodes: EpisodeManifest[], shown: PodcastConfig): string {
  return createHash("sha256")
    .update(codeKey())
    .update(JSON.stringify({ episodes, shown }))
    .digest("hex")
    .slice(0, 32);
}

/** The feed's XML with its key in a comment after the XML declaration. */
export function withFeedKey(xml: string, key: string): string {
  const end = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
  return `${xml.slice(0, end)}\n${PREFIX}${key}${SUFFIX}${xml.slice(end)}`;
}

/**
 * True when the output folder's feed carries `key` and the player's index and every episode's
 * page are there: writing them again would change nothing but the feed's build date.
 */
export async function feedIsCurrent(
  outputDir: string,
  episodes: EpisodeManifest[],
  key: string,
): Promise<boolean> {
  if ((await keyOf(join(outputDir, FEED_FILE))) !== key) return false;
  if (!existsSync(join(outputDir, PLAYER_FILE))) return false;
  return episodes.every((episode) =>
    existsSync(join(outputDir, EPISODES_DIR, episodeFileNames(episode.slug).page)),
  );
}

/** The key in a feed's first lines, or undefined (no feed, or one written otherwise). */
async function keyOf(file: string): Promise<string | undefined> {
  let head: string;
  try {
    const handle = await open(file, "r");
    try {
      const buffer = Buffer.alloc(256);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead).toString("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  const start = head.indexOf(PREFIX);
  const end = start < 0 ? -1 : head.indexOf(SUFFIX, start);
  return end < 0 ? undefined : head.slice(start + PREFIX.length, end);
}

let code: string | undefined;

/**
 * The publishing code and the output folder's naming, hashed: a newer presscast writes the feed
 * and pages again even when the episodes did not change. Read once per process.
 */
function codeKey(): string {
  if (code !== undefined) return code;
  const hash = createHash("sha256");
  // The publish and output folders beside this module's own: src/ in tests, dist/ when compiled,
  // and also when the command line runs bundled from dist/cli-bundle.
  const here = dirname(fileURLToPath(import.meta.url));
  for (const folder of [join(here, "..", "publish"), join(here, "..", "output")]) {
    for (const name of readdirSync(folder).sort()) {
      if (!/\.(js|ts)$/.test(name) || name.endsWith(".d.ts")) continue;
      hash.update(name).update(readFileSync(join(folder, name)));
    }
  }
  code = hash.digest("hex");
  return code;
}
