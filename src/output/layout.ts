/**
 * The names of an episode's files beside its audio, in one place so the
 * writer, the feed, the player and the server agree on them.
 */

/**
 * What the output folder remembers of the feed items it built (`build --feed`). A dotfile, so
 * `serve` never hands it out.
 */
export const FEED_MEMORY_FILE = ".feed-items.json";

/** The folder under the output folder that holds every episode's files. */
export const EPISODES_DIR = "episodes";

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
