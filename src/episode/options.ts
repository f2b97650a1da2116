/**
 * What `buildEpisodes` takes, and the one place its options are checked. The command line checks
 * its flags with the same rules before any work, naming them as flags (`--bitrate`); code that
 * calls `buildEpisodes` gets the same sentences naming the options (`bitrate`).
 */
import { InputError } from "../errors.js";
import type { PodcastConfig } from "../publish/config.js";
import type { Engine } from "../synthesize/engine.js";
import type { FetchOptions } from "../web/fetch.js";
import type { BuiltEpisode } from "./build.js";
import type { InputSource } from "./read-script.js";
import type { LoadedVoices } from "./voices.js";

export interface BuildEpisodesOptions {
  /** Articles (.txt, .md, .html), http(s) page URLs, or script files; a path or `{ name, bytes }`. */
  inputs?: InputSource[];
  /** An RSS or Atom feed (URL or file) instead of `inputs`: each new or changed item becomes an episode. */
  feed?: string;
  /** With `feed`: only the N newest items. default: all */
  limit?: number;
  /** With `feed`: only items dated on or after this. default: all */
  since?: Date;
  /** The output folder; episodes go to `<output>/episodes/`. default: "output" */
  output?: string;
  /** default: "mp3" */
  format?: "mp3" | "m4a";
  /** kbps. default: 96 */
  bitrate?: number;
  /** Make one episode of all the inputs with this name, one chapter per article. */
  edition?: string;
  /** A voice profile (YAML file), or voices already loaded (a worker's, for every job). default: voices/default.yaml */
  voices?: string | LoadedVoices;
  /** The podcast config: a presscast.yaml path, or the config itself. default: ./presscast.yaml if present */
  config?: string | PodcastConfig;
  /** The output folder's public address, over the config's baseUrl. default: PRESSCAST_BASE_URL, else the config's */
  baseUrl?: string;
  /** The show's cover art (square JPEG or PNG, 1400–3000 px); kept for later builds. */
  cover?: string;
  /** The articles' language (BCP 47). default: declared, else detected, else the voice profile's */
  language?: string;
  /** How page and feed URLs are fetched. default: public addresses only, 30 s a page */
  web?: Omit<FetchOptions, "accept">;
  /** The synthesis cache. default: the OS cache folder (~/.cache/presscast) */
  cacheDir?: string;
  /** MB the cache may keep after the build; least recently used entries go first. default: 2048 */
  cacheSize?: number;
  /** Parallel synthesis calls. default: the number of cores */
  concurrency?: number;
  /** The ffmpeg binary. default: FFMPEG_PATH, else the bundled one */
  ffmpegPath?: string;
  /** Results and warnings, one line each. default: nowhere */
  log?: (line: string) => void;
  /** Every ffmpeg command and build step, one line each. default: nowhere */
  verbose?: (line: string) => void;
  /** Stops the work where it is; finished sentences stay in the cache, finished episodes in the feed. */
  signal?: AbortSignal;
  /** An episode starts (its title, for a progress label). */
  onEpisodeStart?: (title: string) => void;
  /** Sentences spoken so far of the current episode. */
  onProgress?: (done: number, total: number) => void;
  /** The current episode's audio work ended, built or failed. */
  onEpisodeEnd?: () => void;
  /** An episode is published and the feed lists it. */
  onPublished?: (episode: BuiltEpisode) => void;
  /** The engine loader. default: the engine registry's */
  loadEngine?: (name: string) => Promise<Engine>;
  /** Leave the engines' processes running for the next call (a long-lived worker). default: false */
  keepEngines?: boolean;
  /** The clock. default: the system's */
  now?: () => Date;
}

/** How a message names an option: the command line says `--cache-size`, code says `cacheSize`. */
export type OptionName = (option: keyof BuildEpisodesOptions) => string;

export const codeName: OptionName = (option) => option;

/** The range of each whole-number option. */
export const RANGES = {
  bitrate: [32, 320],
  // More parallel calls than 64 only queue up: each engine process holds 100 MB or more.
  concurrency: [1, 64],
  cacheSize: [10, 10_000_000],
  limit: [1, 100_000],
} as const satisfies Partial<Record<keyof BuildEpisodesOptions, readonly [number, number]>>;

/** The bit rates an MPEG-1 Layer III stream can have; AAC takes any value in the same range. */
const MP3_BITRATES = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

/** A whole number in the option's range; a string (a flag) must be written as digits. */
export function wholeNumber(name: string, value: number | string, option: keyof typeof RANGES): number {
  const [min, max] = RANGES[option];
  const n = Number(value);
  const digits = typeof value === "number" || /^\d+$/.test(value.trim());
  if (!digits || !Number.isSafeInteger(n) || n < min || n > max)
    throw new InputError(
      `${name} must be a whole number from ${min} to ${max}, not "${String(value).slice(0, 40)}".`,
    );
  return n;
}

export function checkFormat(name: string, value: string): "mp3" | "m4a" {
  if (value !== "mp3" && value !== "m4a") throw new InputError(`${name} must be mp3 or m4a, not "${value}".`);
  return value;
}

export function checkBitrate(name: string, value: number | string, format: "mp3" | "m4a"): number {
  const kbps = wholeNumber(name, value, "bitrate");
  if (format === "mp3" && !MP3_BITRATES.includes(kbps))
    throw new InputError(`${name} for MP3 must be one of ${MP3_BITRATES.join(", ")} kbps, not ${kbps}.`);
  return kbps;
}

/**
 * Everything about the options that can be checked before any work: the format, the numbers,
 * and that the articles come from `inputs` or from a `feed`, never both.
 */
export function checkBuildOptions(options: BuildEpisodesOptions, name: OptionName = codeName): void {
  const format = checkFormat(name("format"), options.format ?? "mp3");
  if (options.bitrate !== undefined) checkBitrate(name("bitrate"), options.bitrate, format);
  if (options.concurrency !== undefined) wholeNumber(name("concurrency"), options.concurrency, "concurrency");
  if (options.cacheSize !== undefined) wholeNumber(name("cacheSize"), options.cacheSize, "cacheSize");
  const inputs = options.inputs ?? [];
  if (options.feed === undefined) {
    if (inputs.length === 0)
      throw new InputError(`Give at least one article, page URL or script, or ${name("feed")}.`);
    if (options.limit !== undefined || options.since !== undefined)
      throw new InputError(
        `${name("limit")} and ${name("since")} choose items of a feed; use them with ${name("feed")}.`,
      );
    return;
  }
  const first = inputs[0];
  if (first !== undefined) {
    const what = typeof first === "string" ? first : first.name;
    throw new InputError(
      `Give articles or ${name("feed")}, not both (got ${what} and ${name("feed")} ${options.feed}).`,
    );
  }
  if (options.edition !== undefined)
    throw new InputError(
      `${name("edition")} makes one episode of given articles; it does not take ${name("feed")}.`,
    );
  if (options.limit !== undefined) wholeNumber(name("limit"), options.limit, "limit");
  if (options.since !== undefined && Number.isNaN(options.since.getTime()))
    throw new InputError(`${name("since")} must be a valid date.`);
}
