import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { checkCover } from "../assemble/id3.js";
import { createFfmpeg } from "../audio/ffmpeg.js";
import { type BuiltEpisode, buildEpisode } from "../episode/build.js";
import { editionScript } from "../episode/edition.js";
import type { FeedRunResult } from "../episode/feed-episodes.js";
import { readScript } from "../episode/read-script.js";
import { loadVoices } from "../episode/voices.js";
import { InputError, InterruptedError, WorkError } from "../errors.js";
import { checkDistinct } from "../output/identity.js";
import { withOutputLock } from "../output/lock.js";
import { enterPhase, formatPhases, phaseReport } from "../phases.js";
import { loadPodcastConfig } from "../publish/config.js";
import { publishCover } from "../publish/cover.js";
import { rebuildFeed } from "../publish/publish.js";
import { segment } from "../segment/segment.js";
import { DEFAULT_CACHE_BYTES, pruneCache } from "../synthesize/cache-prune.js";
import { loadEngine } from "../synthesize/registry.js";
import { closeEngines, defaultCacheDir } from "../synthesize/synthesize.js";
import type { Script } from "../types.js";
import { languageFlag } from "./language-flag.js";
import { createProgress } from "./progress.js";
import { addWebOptions, fetchOptionsOf, type WebFlags } from "./web-options.js";

interface BuildFlags {
  output: string;
  voices?: string;
  format: string;
  bitrate?: string;
  json?: boolean;
  cacheDir?: string;
  cacheSize?: string;
  concurrency?: string;
  ffmpeg?: string;
  edition?: string;
  config?: string;
  baseUrl?: string;
  cover?: string;
  language?: string;
  verbose?: boolean;
  feed?: string;
  limit?: string;
  since?: string;
}

export function registerBuild(program: Command): void {
  const command = program
    .command("build")
    .description(
      "make episode(s) from article(s), page URLs, script files or a feed; the feed and player are updated",
    )
    .argument(
      "[inputs...]",
      "articles (.txt, .md, .html), http(s) page URLs, or scripts from `presscast script`",
    )
    .option("--feed <url-or-file>", "an RSS or Atom feed: each new or changed item becomes an episode")
    .option("--limit <n>", "with --feed: only the N newest items")
    .option("--since <date>", "with --feed: only items dated on or after this (e.g. 2025-01-31)")
    .option("-o, --output <dir>", "output folder", "output")
    .option("--voices <file>", "voice profile (YAML); default: voices/default.yaml")
    .option("--format <format>", "mp3 or m4a", "mp3")
    .option("--bitrate <kbps>", "MP3/AAC bit rate in kbps (default: 96)")
    .option("--edition <name>", "make one episode of all the articles, one chapter each")
    .option("--config <file>", "podcast config (YAML); default: presscast.yaml if present")
    .option(
      "--base-url <url>",
      "the public address of the output folder (default: PRESSCAST_BASE_URL, else the config's baseUrl)",
    )
    .option(
      "--cover <image>",
      "the show's cover art (square JPEG or PNG, 1400-3000 px); kept for later builds",
    )
    .option(
      "--language <bcp47>",
      "the articles' language (default: declared, else detected, else the profile's)",
    )
    .option("--cache-dir <dir>", "synthesis cache folder (default: the OS cache folder)")
    .option(
      "--cache-size <MB>",
      "largest the cache may grow; least recently used entries go first (default: 2048)",
    )
    .option("--concurrency <n>", "parallel synthesis calls (default: the number of cores)")
    .option(
      "--ffmpeg <path>",
      "the ffmpeg binary (default: FFMPEG_PATH, else the bundled one or a newer one on PATH)",
    )
    .option("--json", "print one JSON document describing the episodes")
    .option("--verbose", "log every ffmpeg command and build step on stderr");
  addWebOptions(command).action(async (inputs: string[], flags: BuildFlags & WebFlags) => {
    // Ctrl-C stops the work where it is; every finished sentence is already in the cache.
    // SIGTERM (a service manager, `kill`) is handled the same way, so temp files and staged
    // audio are removed on the way out.
    cacheBytes(flags.cacheSize); // a bad --cache-size is refused before any work
    const interrupt = new AbortController();
    let spoken = 0;
    let published = 0;
    let signalled: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      signalled ??= signal;
      interrupt.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      await runBuild(inputs, flags, interrupt.signal, {
        spoken: (done) => {
          spoken = done;
        },
        published: () => {
          published++;
        },
      });
    } catch (error) {
      if (!interrupt.signal.aborted) throw error;
      const cache = flags.cacheDir ?? defaultCacheDir();
      const stopped = new InterruptedError(
        `Interrupted: ${published} episode(s) published, ${spoken} spoken sentences of the next kept in ${cache}; run the same command again to resume.`,
      );
      throw signalled === "SIGTERM" ? Object.assign(stopped, { exitCode: 143 }) : stopped;
    } finally {
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
      enterPhase("finish");
      await closeEngines();
      // Whatever happened, the cache stays within its limit and no old temp file stays behind.
      await pruneCache(flags.cacheDir ?? defaultCacheDir(), cacheBytes(flags.cacheSize)).catch(() => {});
      if (flags.verbose) process.stderr.write(`${formatPhases(phaseReport())}\n`);
    }
  });
}

async function runBuild(
  inputs: string[],
  flags: BuildFlags & WebFlags,
  signal: AbortSignal,
  report: { spoken: (done: number) => void; published: () => void },
): Promise<void> {
  const format = flags.format;
  if (format !== "mp3" && format !== "m4a")
    throw new InputError(`--format must be mp3 or m4a, not "${format}".`);
  const bitrate = flags.bitrate === undefined ? undefined : checkBitrate(flags.bitrate, format);
  const concurrency =
    flags.concurrency === undefined
      ? availableParallelism()
      : whole("--concurrency", flags.concurrency, 1, MAX_CONCURRENCY);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const verbose = flags.verbose ? log : undefined;
  const config = await loadPodcastConfig(
    flags.config,
    undefined,
    flags.baseUrl ?? process.env.PRESSCAST_BASE_URL,
  );
  if (flags.cover) await checkCover(flags.cover);
  const ffmpeg = createFfmpeg({
    signal,
    ...(flags.ffmpeg ? { ffmpegPath: flags.ffmpeg } : {}),
    ...(verbose ? { log: verbose } : {}),
  });
  const language = languageFlag(flags.language);
  const web = fetchOptionsOf(flags);
  const feedOptions = checkSources(inputs, flags);
  const voices = await loadVoices(flags.voices, flags.cacheDir ?? defaultCacheDir());
  const segmentOptions = language ? { language } : { defaultLanguage: voices.profile.language };
  // The show's cover first: every episode's tags carry it, and a bad --cover fails before any work.
  const cover = await withOutputLock(flags.output, () => publishCover(flags.output, config, flags.cover));
  // The feed follows each finished episode, so an interrupted run of many keeps what it made; it
  // is rebuilt in the same turn at the output folder's lock that published the episode.
  let feedLine: string | undefined;
  const publish = async () => {
    enterPhase("publish");
    const feedLog = (line: string) => {
      if (line.startsWith("warning:")) log(line);
      else feedLine = line;
    };
    await rebuildFeed(flags.output, config, { now: new Date(), log: feedLog, cover });
    report.published();
  };
  const buildOne = async (script: Script, replaces?: { guid: string; slug: string }) => {
    const progress = createProgress(`Speaking "${script.meta.title.slice(0, 40)}"`);
    try {
      return await buildEpisode(
        script,
        {
          output: flags.output,
          format,
          ...(bitrate ? { bitrate } : {}),
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
          ffmpeg,
          voices,
          loadEngine,
          releaseEngines: () => closeEngines(),
          cacheDir: flags.cacheDir ?? defaultCacheDir(),
          concurrency,
          onProgress: (done, total) => {
            progress.update(done, total);
            report.spoken(done);
          },
          signal,
          log: verbose ?? (() => {}),
          now: () => new Date(),
          published: publish,
        },
      );
    } finally {
      progress.stop();
    }
  };

  const results: BuiltEpisode[] = [];
  let failed: FeedRunResult<unknown>["failed"] = [];
  if (flags.feed && feedOptions) {
    // The HTTP client and the feed parser are loaded only for a feed.
    const { runFeed } = await import("../episode/feed-episodes.js");
    const run = await runFeed(
      flags.feed,
      { output: flags.output, ...feedOptions, fetch: web, log, signal },
      async (doc, previous) => {
        enterPhase("read");
        return buildOne(
          segment(doc, segmentOptions),
          previous && { guid: previous.guid, slug: previous.slug },
        );
      },
    );
    results.push(...run.built);
    failed = run.failed;
    if (feedLine) log(feedLine);
    log(`${flags.feed}: ${run.built.length} built, ${run.unchanged} unchanged, ${run.failed.length} failed`);
  } else {
    const scripts: Script[] = [];
    enterPhase("read");
    for (const input of inputs) scripts.push(await readScript(input, { ...segmentOptions, web }));
    // Separate episodes of one article would replace each other; an edition holds them as chapters.
    if (!flags.edition) checkDistinct(inputs.map((file, i) => ({ file, meta: (scripts[i] as Script).meta })));
    const episodes = flags.edition ? [editionScript(flags.edition, scripts)] : scripts;
    for (const script of episodes) results.push(await buildOne(script));
    if (feedLine) log(feedLine);
  }
  if (verbose && results.some((r) => !r.unchanged))
    verbose(`encoder: ffmpeg ${ffmpeg.version} at ${ffmpeg.path}`);
  if (flags.json) {
    const episodesOut = results.map((r) => ({
      title: r.title,
      audio: r.audio,
      manifest: r.manifest,
      durationSeconds: r.durationSeconds,
      chapters: r.chapters.map(({ title, start, end }) => ({ title, start, end })),
      synthesized: r.synthesized,
      cached: r.cached,
      unchanged: r.unchanged,
      ...(r.pieces ? { pieces: r.pieces } : {}),
    }));
    const failures = failed.map(({ item, message }) => ({ item, error: message }));
    process.stdout.write(
      `${JSON.stringify({ episodes: episodesOut, ...(flags.feed ? { failed: failures } : {}) }, null, 2)}\n`,
    );
  } else {
    for (const r of results) {
      log(
        `${r.audio}: ${formatTime(r.durationSeconds)}, ${r.chapters.length} chapters (${r.synthesized} synthesized, ${r.cached} cached)`,
      );
    }
  }
  if (failed.length) {
    throw new WorkError(
      `${flags.feed}: ${failed.length} item(s) failed and were skipped (${failed[0]?.message}${failed.length > 1 ? " …" : ""}); the others were built.`,
    );
  }
}

/** Articles or a feed, never both; --limit and --since only with a feed. */
function checkSources(inputs: string[], flags: BuildFlags): { limit?: number; since?: Date } | undefined {
  if (!flags.feed) {
    if (inputs.length === 0)
      throw new InputError("Give at least one article, page URL or script, or --feed <url-or-file>.");
    if (flags.limit !== undefined || flags.since !== undefined) {
      throw new InputError("--limit and --since choose items of a feed; use them with --feed.");
    }
    return undefined;
  }
  if (inputs.length)
    throw new InputError(`Give articles or --feed, not both (got ${inputs[0]} and --feed ${flags.feed}).`);
  if (flags.edition)
    throw new InputError("--edition makes one episode of given articles; it does not take --feed.");
  let since: Date | undefined;
  if (flags.since !== undefined) {
    since = new Date(flags.since);
    if (Number.isNaN(since.getTime())) {
      throw new InputError(`--since must be a date such as 2025-01-31, not "${flags.since}".`);
    }
  }
  return {
    ...(flags.limit !== undefined ? { limit: whole("--limit", flags.limit, 1, 100_000) } : {}),
    ...(since ? { since } : {}),
  };
}

/** More parallel calls than this only queue up: each engine process holds 100 MB or more. */
const MAX_CONCURRENCY = 64;
/** The bit rates an MPEG-1 Layer III stream can have; AAC takes any value in the same range. */
const MP3_BITRATES = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

function whole(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new InputError(
      `${flag} must be a whole number from ${min} to ${max}, not "${value.slice(0, 40)}".`,
    );
  return n;
}

/** `--cache-size` in MB → bytes; default 2 GiB. */
function cacheBytes(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CACHE_BYTES;
  return whole("--cache-size", value, 10, 10_000_000) * 1024 * 1024;
}

function checkBitrate(value: string, format: "mp3" | "m4a"): number {
  const kbps = whole("--bitrate", value, 32, 320);
  if (format === "mp3" && !MP3_BITRATES.includes(kbps))
    throw new InputError(`--bitrate for MP3 must be one of ${MP3_BITRATES.join(", ")} kbps, not ${kbps}.`);
  return kbps;
}

function formatTime(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, "0")}`;
}
