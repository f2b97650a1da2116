/**
 * Writing the published files: an episode's transcripts, chapters and manifest beside its
 * audio, and feed.xml and index.html from all the manifests in the output folder. Every file is
 * replaced atomically.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../atomic.js";
import { EPISODES_DIR, episodeFileNames, isManifestName, newestFirst } from "../output/layout.js";
import type { EpisodeManifest } from "../types.js";
import { toChaptersJson } from "./chapters.js";
import type { PodcastConfig } from "./config.js";
import { publishCover, type ShowCover } from "./cover.js";
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
  await writeFileAtomic(join(dir, names.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
}

export interface RebuildOptions {
  now: Date;
  /** Progress and warnings, one line each. */
  log: (line: string) => void;
  /** The show's cover when the caller has already published it; default: `publishCover`. */
  cover?: ShowCover;
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
export async function rebuildFeed(
  outputDir: string,
  config: PodcastConfig,
  opts: RebuildOptions,
): Promise<RebuiltFeed> {
  const episodes = await publishedEpisodes(outputDir, config, opts.log);
  const cover = opts.cover ?? (await publishCover(outputDir, config));
  const shown: PodcastConfig = { ...config, image: cover.href };
  for (const warning of warnings(shown)) opts.log(`warning: ${warning}`);
  const feed = join(outputDir, "feed.xml");
  const player = join(outputDir, "index.html");
  // The XML writer is loaded when the first feed is written, after the audio work, not before it.
  const { buildFeed } = await import("./feed.js");
  await writeFileAtomic(feed, buildFeed(episodes, shown, { now: opts.now }));
  await writeFileAtomic(player, buildPlayer(episodes, shown));
  for (const episode of episodes) {
    const page = join(outputDir, EPISODES_DIR, episodeFileNames(episode.slug).page);
    await writeFileAtomic(page, buildEpisodePage(episode, shown));
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

/**
 * Every usable manifest under `<outputDir>/episodes`, with `audio.bytes` set to the audio file's
 * size on disk (the feed's enclosure length must be exact). A manifest that cannot be read, or
 * whose audio is missing, is left out with a line in the log naming it.
 */
export async function readManifests(
  outputDir: string,
  log: (line: string) => void,
): Promise<EpisodeManifest[]> {
  const dir = join(outputDir, EPISODES_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isManifestName).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const manifests: EpisodeManifest[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let manifest: EpisodeManifest;
    try {
      manifest = checkManifest(JSON.parse(await readFile(file, "utf8")));
    } catch (error) {
      log(`warning: ${file}: not an episode manifest (${(error as Error).message}); left out of the feed.`);
      continue;
    }
    // Episode art is a plain file name beside the audio, or nothing.
    if (
      manifest.image !== undefined &&
      !(typeof manifest.image === "string" && SAFE_NAME.test(manifest.image))
    )
      delete manifest.image;
    if (Number.isNaN(Date.parse(manifest.published))) {
      // A date no reader understands would be printed as "Invalid Date"; the file's own time is close.
      const when = (await stat(file)).mtime.toISOString();
      log(`warning: ${file}: "published" is not a date; using the file's time, ${when}.`);
      manifest = { ...manifest, published: when };
    }
    try {
      const bytes = (await stat(join(dir, manifest.audio.file))).size;
      manifests.push({ ...manifest, audio: { ...manifest.audio, bytes } });
    } catch {
      log(
        `warning: ${file}: its audio ${manifest.audio.file} is missing; left out of the feed until rebuilt.`,
      );
    }
  }
  return manifests;
}

/** A file name beside the manifest: no folder, no leading dot. */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
type Item = Record<string, unknown>;
/** A list whose every item is an object passing `check`: one null chapter must not stop the feed. */
const listOf = (value: unknown, check: (item: Item) => boolean): boolean =>
  Array.isArray(value) &&
  value.every((item) => typeof item === "object" && item !== null && check(item as Item));
const times = (x: Item): boolean => Number.isFinite(x.start) && Number.isFinite(x.end);

/** Enough of a manifest's shape to publish it safely; the audio must be a plain file name. */
function checkManifest(data: unknown): EpisodeManifest {
  const m = data as Partial<EpisodeManifest> | null;
  const fields: Array<[string, boolean]> = [
    ["slug", typeof m?.slug === "string" && /^[A-Za-z0-9_-]+$/.test(m.slug)],
    ["title", typeof m?.title === "string"],
    ["guid", typeof m?.guid === "string" && m.guid.length > 0],
    ["published", typeof m?.published === "string"],
    ["language", typeof m?.language === "string"],
    ["durationSeconds", typeof m?.durationSeconds === "number"],
    ["audio.file", typeof m?.audio?.file === "string" && SAFE_NAME.test(m.audio.file)],
    ["audio.type", m?.audio?.type === "audio/mpeg" || m?.audio?.type === "audio/x-m4a"],
    ["speakers", listOf(m?.speakers, (x) => typeof x.id === "string")],
    ["chapters", listOf(m?.chapters, (x) => typeof x.title === "string" && times(x))],
    ["cues", listOf(m?.cues, (x) => typeof x.text === "string" && typeof x.speaker === "string" && times(x))],
  ];
  const bad = fields.find(([, ok]) => !ok);
  if (bad) throw new Error(`"${bad[0]}" is missing or wrong`);
  return m as EpisodeManifest;
}
