/**
 * Writing the published files: an episode's transcripts, chapters and manifest beside its
 * audio, and feed.xml and index.html from all the manifests in the output folder. Every file is
 * replaced atomically.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../atomic.js";
import { EPISODES_DIR, episodeFileNames, FEED_FILE, newestFirst, PLAYER_FILE } from "../output/layout.js";
import { readManifests, writeManifest } from "../output/manifest.js";
import type { EpisodeManifest } from "../types.js";
import { toChaptersJson } from "./chapters.js";
import type { PodcastConfig } from "./config.js";
import { publishCover, type ShowCover } from "./cover.js";
import { feedIsCurrent, feedKey, withFeedKey } from "./feed-key.js";
import { warnings } from "./links.js";
import { buildEpisodePage, buildPlayer } from "./player.js";
import { toSrt, toTranscriptJson, toVtt } from "./transcripts.js";

/**
 * Write `<slug>.vtt`, `.srt`, `.transcript.json`, `.chapters.json` and the manifest `<slug>.json`
 * into `dir` (the episodes folder). The manifest goes last: a manifest on disk means its
 * companion files are complete.
 */
export async function writeEpisodeFiles(dir: string, manifest: EpisodeManifest): Promise<void> {
  const names = episodeFileNames(manifest.slug);
  await writeFileAtomic(join(dir, names.vtt), toVtt(manifest));
  await writeFileAtomic(join(dir, names.srt), toSrt(manifest));
  await writeFileAtomic(join(dir, names.transcript), toTranscriptJson(manifest));
  await writeFileAtomic(join(dir, names.chapters), toChaptersJson(manifest));
  await writeManifest(dir, manifest);
}

export interface RebuildOptions {
  now: Date;
  /** Progress and warnings, one line each. */
  log: (line: string) => void;
  /** The show's cover when the caller has already published it; default: `publishCover`. */
  cover?: ShowCover;
  /**
   * Leave the feed and the pages as they are when they were written from the same episodes,
   * settings and code (a build that changed nothing). default: false, always written
   */
  keepCurrent?: boolean;
}

export interface RebuiltFeed {
  feed: string;
  player: string;
  episodes: EpisodeManifest[];
  cover: ShowCover;
}

/**
 * Rebuild `feed.xml` and `index.html` in `outputDir` from every manifest in its episodes folder,
 * so building one article never drops the others. Logs the config's link warnings.
 */
export async function writeFeed(
  outputDir: string,
  config: PodcastConfig,
  opts: RebuildOptions,
): Promise<RebuiltFeed> {
  const episodes = await publishedEpisodes(outputDir, config, opts.log);
  const cover = opts.cover ?? (await publishCover(outputDir, config));
  const shown: PodcastConfig = { ...config, image: cover.href };
  for (const warning of warnings(shown)) opts.log(`warning: ${warning}`);
  const feed = join(outputDir, FEED_FILE);
  const player = join(outputDir, PLAYER_FILE);
  const key = feedKey(episodes, shown);
  if (!opts.keepCurrent || !(await feedIsCurrent(outputDir, episodes, key))) {
    // The XML writer is loaded when a feed is written, after the audio work, not before it.
    const { buildFeed } = await import("./feed.js");
    await writeFileAtomic(feed, withFeedKey(buildFeed(episodes, shown, { now: opts.now }), key));
    await writeFileAtomic(player, buildPlayer(episodes, shown));
    for (const episode of episodes) {
      const page = join(outputDir, EPISODES_DIR, episodeFileNames(episode.slug).page);
      await writeFileAtomic(page, buildEpisodePage(episode, shown));
    }
  }
  opts.log(`${feed}: ${episodes.length} episode${episodes.length === 1 ? "" : "s"}`);
  return { feed, player, episodes, cover };
}

/** The episodes the feed and page show: newest first, at most `maxEpisodes` of them. */
export async function publishedEpisodes(
  outputDir: string,
  config: PodcastConfig,
  log: (line: string) => void,
): Promise<EpisodeManifest[]> {
  const all = newestFirst(await readManifests(outputDir, log));
  return all.slice(0, config.maxEpisodes ?? all.length);
}
