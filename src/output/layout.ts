/**
 * The output folder's layout, the one place its names are spelled, so the builder, the writers,
 * the feed, the player and the server agree on them:
 *
 *     <output>/feed.xml, index.html, .presscast.lock, .feed-items.json, cover.jpg or artwork.<ext>
 *     <output>/episodes/<slug>.<mp3|m4a> and the files of `episodeFileNames`
 *     <output>/episodes/.<guid>.staging.<format>, .<name>.<random>.part   (work in progress)
 */
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";

/**
 * What the output folder remembers of the feed items it built (`build --feed`). A dotfile, so
 * `serve` never hands it out.
 */
export const FEED_MEMORY_FILE = ".feed-items.json";

/** The folder under the output folder that holds every episode's files. */
export const EPISODES_DIR = "episodes";
export const FEED_FILE = "feed.xml";
export const PLAYER_FILE = "index.html";
/** The lock file two builds into one folder take turns on (see lock.ts). */
export const LOCK_FILE = ".presscast.lock";

export const episodesDir = (outputDir: string): string => join(outputDir, EPISODES_DIR);

/** The audio's file name. */
export const audioName = (slug: string, format: string): string => `${slug}.${format}`;

/**
 * Hidden: an episode's audio, assembled but not yet published. Named by the episode's GUID, not
 * its slug: the slug is chosen only when the episode is published, under the lock.
 */
export const stagingName = (guid: string, format: string): string => `.${guid}.staging.${format}`;

/** A temporary name beside `file` for writing it whole before it is renamed into place. */
export function partPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${randomBytes(4).toString("hex")}.part`);
}

/** True for work in progress of a build (staged audio, `.part` files); `guid` narrows it to one episode. */
export function isLeftover(name: string, guid?: string): boolean {
  if (!name.startsWith(".") || !(name.endsWith(".part") || name.includes(".staging."))) return false;
  return guid === undefined || name.includes(`.${guid}.`);
}

export interface EpisodeFileNames {
  manifest: string;
  vtt: string;
  srt: string;
  transcript: string;
  chapters: string;
  /** The Script the audio was made from. */
  script: string;
  /** The episode's own player page. */
  page: string;
  /** The episode's own art, made from the article's lead image. */
  image: string;
}

/** The show's cover in the output folder: drawn by presscast, or a given image kept as `artwork.<ext>`. */
export const COVER_NAMES = { drawn: "cover.jpg", given: "artwork" } as const;

/** File names (no folder) of the files written beside `<slug>.<audio>`. */
export function episodeFileNames(slug: string): EpisodeFileNames {
  return {
    manifest: `${slug}.json`,
    vtt: `${slug}.vtt`,
    srt: `${slug}.srt`,
    transcript: `${slug}.transcript.json`,
    chapters: `${slug}.chapters.json`,
    script: `${slug}.script.json`,
    page: `${slug}.html`,
    image: `${slug}.jpg`,
  };
}

/** Newest first by publication date, then by slug: the order of the feed and the page. */
export function newestFirst<T extends { published: string; slug: string }>(episodes: T[]): T[] {
  const time = (m: T) => Date.parse(m.published) || 0;
  return [...episodes].sort((a, b) => time(b) - time(a) || a.slug.localeCompare(b.slug));
}

/**
 * True for a manifest's file name: `<slug>.json` with a slug of letters, digits, `-` and `_`,
 * and not one of the other JSON files beside it (chapters, transcript, script).
 */
export function isManifestName(name: string): boolean {
  return /^[A-Za-z0-9_-]+\.json$/.test(name);
}

/** Media types of the files presscast publishes, by name; shared by the feed and `serve`. */
export function mediaType(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".chapters.json")) return "application/json+chapters";
  const ext = lower.slice(lower.lastIndexOf(".") + 1);
  return MEDIA_TYPES[ext];
}

const MEDIA_TYPES: Record<string, string> = {
  mp3: "audio/mpeg",
  m4a: "audio/x-m4a",
  mp4: "audio/mp4",
  xml: "application/rss+xml",
  json: "application/json",
  vtt: "text/vtt",
  srt: "application/x-subrip",
  html: "text/html",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
};
