import type { Command } from "commander";
import type { BuiltEpisode } from "../episode/build.js";
import {
  type BuildEpisodesOptions,
  checkBitrate,
  checkBuildOptions,
  checkFormat,
  type OptionName,
  wholeNumber,
} from "../episode/options.js";
import { InputError, InterruptedError, WorkError } from "../errors.js";
import { formatPhases, phaseReport } from "../phases.js";
import { languageFlag } from "./language-flag.js";
import { createProgress, type Progress, say } from "./terminal.js";
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
    // Every flag is checked before any work, and named as the flag it is.
    const options = buildOptions(inputs, flags);
    // Ctrl-C stops the work where it is; every finished sentence is already in the cache.
    // SIGTERM (a service manager, `kill`) is handled the same way, so temp files and staged
    // audio are removed on the way out.
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
    let progress: Progress | undefined;
    // The pipeline's modules load when a build runs, not for every command or --help.
    const { buildEpisodes } = await import("../episode/episodes.js");
    try {
      const result = await buildEpisodes({
        ...options,
        signal: interrupt.signal,
        onEpisodeStart: (title) => {
          progress = createProgress(`Speaking "${title.slice(0, 40)}"`);
        },
        onProgress: (done, total) => {
          progress?.update(done, total);
          spoken = done;
        },
        onEpisodeEnd: () => progress?.stop(),
        onPublished: () => {
          published++;
        },
      });
      report(result.episodes, result.failed, flags);
    } catch (error) {
      if (!interrupt.signal.aborted) throw error;
      const { defaultCacheDir } = await import("../synthesize/synthesize.js");
      const cache = flags.cacheDir ?? defaultCacheDir();
      const stopped = new InterruptedError(
        `Interrupted: ${published} episode(s) published, ${spoken} spoken sentences of the next kept in ${cache}; run the same command again to resume.`,
      );
      throw signalled === "SIGTERM" ? Object.assign(stopped, { exitCode: 143 }) : stopped;
    } finally {
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
      if (flags.verbose) process.stderr.write(`${formatPhases(phaseReport())}\n`);
    }
  });
}

/** `--cache-size` for `cacheSize`, `--format` for `format`: how messages name the options here. */
const flagName: OptionName = (option) => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The flags → buildEpisodes' options, each checked with the same rules buildEpisodes applies. */
function buildOptions(inputs: string[], flags: BuildFlags & WebFlags): BuildEpisodesOptions {
  // --verbose asked for every step: those lines are said even with --quiet.
  const verbose = (line: string) => process.stderr.write(`${line}\n`);
  // A bad --cache-size is refused first, before anything else is looked at.
  const cacheSize =
    flags.cacheSize === undefined ? undefined : wholeNumber("--cache-size", flags.cacheSize, "cacheSize");
  const format = checkFormat("--format", flags.format);
  const language = languageFlag(flags.language);
  let since: Date | undefined;
  if (flags.since !== undefined) {
    since = new Date(flags.since);
    if (Number.isNaN(since.getTime()))
      throw new InputError(`--since must be a date such as 2025-01-31, not "${flags.since}".`);
  }
  const options: BuildEpisodesOptions = {
    ...(flags.feed === undefined ? { inputs } : { feed: flags.feed, inputs }),
    output: flags.output,
    format,
    ...(flags.bitrate !== undefined ? { bitrate: checkBitrate("--bitrate", flags.bitrate, format) } : {}),
    ...(flags.concurrency !== undefined
      ? { concurrency: wholeNumber("--concurrency", flags.concurrency, "concurrency") }
      : {}),
    ...(cacheSize !== undefined ? { cacheSize } : {}),
    ...(flags.limit !== undefined ? { limit: wholeNumber("--limit", flags.limit, "limit") } : {}),
    ...(since ? { since } : {}),
    ...(flags.edition !== undefined ? { edition: flags.edition } : {}),
    ...(flags.voices !== undefined ? { voices: flags.voices } : {}),
    ...(flags.config !== undefined ? { config: flags.config } : {}),
    ...(flags.baseUrl !== undefined ? { baseUrl: flags.baseUrl } : {}),
    ...(flags.cover ? { cover: flags.cover } : {}),
    ...(language ? { language } : {}),
    web: fetchOptionsOf(flags),
    ...(flags.cacheDir !== undefined ? { cacheDir: flags.cacheDir } : {}),
    ...(flags.ffmpeg ? { ffmpegPath: flags.ffmpeg } : {}),
    log: say,
    ...(flags.verbose ? { verbose } : {}),
  };
  checkBuildOptions(options, flagName);
  return options;
}

function report(
  episodes: BuiltEpisode[],
  failed: Array<{ item: string; message: string }>,
  flags: BuildFlags,
): void {
  if (flags.json) {
    const episodesOut = episodes.map((r) => ({
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
    for (const r of episodes) {
      say(
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

function formatTime(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, "0")}`;
}
