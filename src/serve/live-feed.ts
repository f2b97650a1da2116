/**
 * The feed `serve` hands out when no baseUrl is configured: made from the manifests on request,
 * with links to the address the client used, so a podcast app on the network can fetch the
 * audio. Rebuilt only when a file in the episodes folder changes.
 */
import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { EPISODES_DIR } from "../output/layout.js";
import type { PodcastConfig } from "../publish/config.js";
import { existingCover } from "../publish/cover.js";
import { buildFeed } from "../publish/feed.js";
import { publishedEpisodes } from "../publish/publish.js";

export interface LiveFeed {
  body: string;
  etag: string;
}

/** A function giving the feed for a base URL; the manifests are re-read only after a change. */
export function liveFeed(
  outputDir: string,
  config: PodcastConfig,
  log: (line: string) => void,
): (baseUrl: string) => Promise<LiveFeed> {
  let cached: { signature: string; manifests: Awaited<ReturnType<typeof publishedEpisodes>> } | undefined;
  const bodies = new Map<string, LiveFeed>();
  return async (baseUrl) => {
    const signature = await folderSignature(join(outputDir, EPISODES_DIR));
    if (cached?.signature !== signature) {
      cached = { signature, manifests: await publishedEpisodes(outputDir, config, log) };
      bodies.clear();
    }
    const hit = bodies.get(baseUrl);
    if (hit) return hit;
    const now = latest(cached.manifests.map((m) => m.published));
    // The cover as the last build published it; serve never draws or converts one.
    const image = existingCover(outputDir, config)?.href;
    const body = buildFeed(cached.manifests, { ...config, ...(image ? { image } : {}) }, { now, baseUrl });
    const feed = { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
    if (bodies.size > 32) bodies.clear();
    bodies.set(baseUrl, feed);
    return feed;
  };
}

/** Names, sizes and modification times of the folder's files: changes when any of them does. */
async function folderSignature(dir: string): Promise<string> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => !name.startsWith(".")).sort();
  } catch {
    return "missing";
  }
  const parts = await Promise.all(
    names.map(async (name) => {
      try {
        const info = await stat(join(dir, name));
        return `${name}:${info.size}:${info.mtimeMs}`;
      } catch {
        return `${name}:gone`;
      }
    }),
  );
  return parts.join("|");
}

/** The newest publication date, so lastBuildDate (and so the ETag) is stable between changes. */
function latest(dates: string[]): Date {
  const times = dates.map((d) => Date.parse(d)).filter((t) => !Number.isNaN(t));
  return new Date(times.length ? Math.max(...times) : 0);
}
