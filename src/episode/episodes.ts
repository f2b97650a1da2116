/**
 * Articles → published episodes: what `presscast build` does, for the command line and for code
 * (a job-queue worker). Every input is read before any audio work, so a bad one fails at once;
 * the voices are loaded once; each article becomes an episode (or all of them one edition), and
 * the feed is rebuilt after each, so an interrupted run keeps every episode it finished.
 */
import { availableParallelism } from "node:os";
import { checkCover } from "../assemble/id3.js";
import { createFfmpeg, type FfmpegRunner } from "../audio/ffmpeg.js";
import { checkDistinct } from "../output/identity.js";
import { withOutputLock } from "../output/lock.js";
import { enterPhase } from "../phases.js";
import { loadPodcastConfig, type PodcastConfig, withBaseUrl } from "../publish/config.js";
import { publishCover, type ShowCover } from "../publish/cover.js";
import { writeFeed } from "../publish/publish.js";
import { type SegmentOptions, segment } from "../segment/segment.js";
import { defaultCacheDir } from "../synthesize/cache.js";
import { DEFAULT_CACHE_BYTES, pruneCache } from "../synthesize/cache-prune.js";
import { closeEngines, loadEngine, stopEngines } from "../synthesize/registry.js";
import type { Script } from "../types.js";
import { type BuiltEpisode, buildEpisode } from "./build.js";
import { editionScript } from "./edition.js";
import type { FeedRunResult } from "./feed-episodes.js";
import { type BuildEpisodesOptions, checkBuildOptions } from "./options.js";
import { inputName, readScript } from "./read-script.js";
import { type LoadedVoices, loadVoices } from "./voices.js";

export interface BuildEpisodesResult {
  /** The episodes built (or found unchanged), in the order they were published. */
  episodes: BuiltEpisode[];
  /** With `feed`: the items that failed, each reported and skipped; the others were built. */
  failed: FeedRunResult<unknown>["failed"];
  /** With `feed`: items built on an earlier run and unchanged since. */
  unchanged: number;
}

/** Everything one run shares between its episodes. */
interface Run {
  options: BuildEpisodesOptions;
  output: string;
  config: PodcastConfig;
  /** The show's cover, published at the first episode's build: bad input leaves no folder behind. */
  cover: () => Promise<ShowCover>;
  voices: LoadedVoices;
  ffmpeg: FfmpegRunner;
  segmentOptions: SegmentOptions;
  log: (line: string) => void;
  /** The feed's own line from its last rebuild, said once when the run ends. */
  feedLine?: string;
}

/**
 * Build and publish episodes from `options.inputs` (or the new and changed items of
 * `options.feed`) into `options.output`. Bad input throws an InputError naming the file; a
 * failure while working, a WorkError. The cache is pruned to `cacheSize` whatever happens.
 */
export async function buildEpisodes(options: BuildEpisodesOptions): Promise<BuildEpisodesResult> {
  checkBuildOptions(options);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  try {
    return await run(options);
  } finally {
    enterPhase("finish");
    if (!options.keepEngines) await closeEngines();
    // Whatever happened, the cache stays within its limit and no old temp file stays behind.
    const limit = options.cacheSize === undefined ? DEFAULT_CACHE_BYTES : options.cacheSize * 1024 * 1024;
    await pruneCache(cacheDir, limit).catch(() => {});
  }
}

async function run(options: BuildEpisodesOptions): Promise<BuildEpisodesResult> {
  const output = options.output ?? "output";
  const log = options.log ?? (() => {});
  const config =
    typeof options.config === "object"
      ? options.baseUrl === undefined
        ? options.config
        : withBaseUrl(options.config, options.baseUrl)
      : await loadPodcastConfig(options.config, undefined, options.baseUrl ?? process.env.PRESSCAST_BASE_URL);
  if (options.cover) await checkCover(options.cover);
  const ffmpeg = createFfmpeg({
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.ffmpegPath ? { ffmpegPath: options.ffmpegPath } : {}),
    ...(options.verbose ? { log: options.verbose } : {}),
  });
  // The voices are checked against the engines when an episode is first spoken, so a build that
  // finds every episode unchanged loads no engine. A feed's items each fail alone, so a bad profile
  // is refused at once there, before any item.
  const voices =
    typeof options.voices === "object"
      ? options.voices
      : await loadVoices(options.voices, options.cacheDir ?? defaultCacheDir(), {
          checkLater: options.feed === undefined,
        });
  const segmentOptions: SegmentOptions = options.language
    ? { language: options.language }
    : { defaultLanguage: voices.profile.language };
  // Every episode's tags carry the show's cover, so it is published before the first episode is
  // built, but only then: inputs are read first, and a bad one leaves the output folder as it was.
  // A cover given by option was checked above, before any work.
  let published: Promise<ShowCover> | undefined;
  const cover = () => {
    published ??= withOutputLock(output, () => publishCover(output, config, options.cover));
    return published;
  };
  const shared: Run = { options, output, config, cover, voices, ffmpeg, segmentOptions, log };
  const result = await (options.feed === undefined
    ? buildInputs(shared)
    : buildFeedItems(shared, options.feed));
  if (options.verbose && result.episodes.some((episode) => !episode.unchanged))
    options.verbose(`encoder: ffmpeg ${ffmpeg.version} at ${ffmpeg.path}`);
  return result;
}

async function buildInputs(run: Run): Promise<BuildEpisodesResult> {
  const { options } = run;
  const inputs = options.inputs ?? [];
  const scripts: Script[] = [];
  const web = options.web ?? { policy: {} };
  enterPhase("read");
  for (const input of inputs) scripts.push(await readScript(input, { ...run.segmentOptions, web }));
  // Separate episodes of one article would replace each other; an edition holds them as chapters.
  if (!options.edition)
    checkDistinct(inputs.map((input, i) => ({ file: inputName(input), meta: (scripts[i] as Script).meta })));
  const episodes = options.edition ? [editionScript(options.edition, scripts)] : scripts;
  const built: BuiltEpisode[] = [];
  for (const script of episodes) built.push(await buildOne(run, script));
  if (run.feedLine) run.log(run.feedLine);
  return { episodes: built, failed: [], unchanged: 0 };
}

async function buildFeedItems(run: Run, feed: string): Promise<BuildEpisodesResult> {
  const { options } = run;
  // The HTTP client and the feed parser are loaded only for a feed.
  const { runFeed } = await import("./feed-episodes.js");
  const result = await runFeed(
    feed,
    {
      output: run.output,
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.since ? { since: options.since } : {}),
      fetch: options.web ?? { policy: {} },
      log: run.log,
      ...(options.signal ? { signal: options.signal } : {}),
    },
    (doc, previous) => {
      enterPhase("read");
      const script = segment(doc, run.segmentOptions);
      return buildOne(run, script, previous && { guid: previous.guid, slug: previous.slug });
    },
  );
  if (run.feedLine) run.log(run.feedLine);
  run.log(
    `${feed}: ${result.built.length} built, ${result.unchanged} unchanged, ${result.failed.length} failed`,
  );
  return { episodes: result.built, failed: result.failed, unchanged: result.unchanged };
}

async function buildOne(
  run: Run,
  script: Script,
  replaces?: { guid: string; slug: string },
): Promise<BuiltEpisode> {
  const { options, config } = run;
  const cover = await run.cover();
  options.onEpisodeStart?.(script.meta.title);
  try {
    return await buildEpisode(
      script,
      {
        output: run.output,
        format: options.format ?? "mp3",
        ...(options.bitrate ? { bitrate: options.bitrate } : {}),
        ...(cover.file ? { cover: cover.file } : {}),
        artist: config.author ?? config.title,
        album: config.title,
        ...(replaces ? { replaces } : {}),
        announce: {
          ...(config.intro !== undefined ? { intro: config.intro } : {}),
          ...(config.outro !== undefined ? { outro: config.outro } : {}),
        },
      },
      {
        ffmpeg: run.ffmpeg,
        voices: run.voices,
        loadEngine: options.loadEngine ?? loadEngine,
        // One build at a time: the engines' processes go once the episode is spoken, not idle
        // through its assembly (assembly does not wait for them to exit: closeEngines, at the
        // end, does); a long-lived worker keeps them.
        ...(options.keepEngines ? {} : { releaseEngines: async () => void stopEngines() }),
        cacheDir: options.cacheDir ?? defaultCacheDir(),
        concurrency: options.concurrency ?? availableParallelism(),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        log: options.verbose ?? (() => {}),
        now: options.now ?? (() => new Date()),
        published: (episode) => publish(run, episode),
      },
    );
  } finally {
    options.onEpisodeEnd?.();
  }
}

/**
 * The feed follows each finished episode, rebuilt in the same turn at the output folder's lock
 * that published it, so an interrupted run of many keeps what it made. Its warnings are said
 * each time, its own line once, when the run ends.
 */
async function publish(run: Run, episode: BuiltEpisode): Promise<void> {
  enterPhase("publish");
  const log = (line: string) => {
    if (line.startsWith("warning:")) run.log(line);
    else run.feedLine = line;
  };
  const now = run.options.now?.() ?? new Date();
  await writeFeed(run.output, run.config, { now, log, cover: await run.cover(), keepCurrent: true });
  run.options.onPublished?.(episode);
}
