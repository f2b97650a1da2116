import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { createFfmpeg } from "../audio/ffmpeg.js";
import { buildEpisode } from "../episode/build.js";
import { editionScript } from "../episode/edition.js";
import { readScript } from "../episode/read-script.js";
import { loadVoices } from "../episode/voices.js";
import { InputError, InterruptedError } from "../errors.js";
import { withOutputLock } from "../output/lock.js";
import { loadPodcastConfig } from "../publish/config.js";
import { rebuildFeed } from "../publish/publish.js";
import { loadEngine } from "../synthesize/registry.js";
import { closeEngines, defaultCacheDir } from "../synthesize/synthesize.js";
import { languageFlag } from "./language-flag.js";
import { createProgress } from "./progress.js";

interface BuildFlags {
  output: string;
  voices?: string;
  format: string;
  bitrate?: string;
  json?: boolean;
  cacheDir?: string;
  concurrency?: string;
  ffmpeg?: string;
  edition?: string;
  config?: string;
  cover?: string;
  language?: string;
  verbose?: boolean;
}

export function registerBuild(program: Command): void {
  program
    .command("build")
    .description("make episode(s) from article(s) or script files; the feed and player are updated")
    .argument("<inputs...>", "articles (.txt, .md, .html) or scripts from `presscast script`")
    .option("-o, --output <dir>", "output folder", "output")
    .option("--voices <file>", "voice profile (YAML); default: voices/default.yaml")
    .option("--format <format>", "mp3 or m4a", "mp3")
    .option("--bitrate <kbps>", "MP3/AAC bit rate in kbps (default: 96)")
    .option("--edition <name>", "make one episode of all the articles, one chapter each")
    .option("--config <file>", "podcast config (YAML); default: presscast.yaml if present")
    .option("--cover <image>", "cover art (JPEG or PNG) for the episode's tags")
    .option(
      "--language <bcp47>",
      "the articles' language (default: declared, else detected, else the profile's)",
    )
    .option("--cache-dir <dir>", "synthesis cache folder (default: the OS cache folder)")
    .option("--concurrency <n>", "parallel synthesis calls (default: the number of cores)")
    .option("--ffmpeg <path>", "the ffmpeg binary (default: FFMPEG_PATH, else the bundled one)")
    .option("--json", "print one JSON document describing the episodes")
    .option("--verbose", "log every ffmpeg command and build step on stderr")
    .action(async (inputs: string[], flags: BuildFlags) => {
      // Ctrl-C stops the work where it is; every finished sentence is already in the cache.
      const interrupt = new AbortController();
      let spoken = 0;
      let published = 0;
      const onSigint = () => interrupt.abort();
      process.once("SIGINT", onSigint);
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
        throw new InterruptedError(
          `Interrupted: ${published} episode(s) published, ${spoken} spoken sentences of the next kept in ${cache}; run the same command again to resume.`,
        );
      } finally {
        process.removeListener("SIGINT", onSigint);
        await closeEngines();
      }
    });
}

async function runBuild(
  inputs: string[],
  flags: BuildFlags,
  signal: AbortSignal,
  report: { spoken: (done: number) => void; published: () => void },
): Promise<void> {
  const format = flags.format;
  if (format !== "mp3" && format !== "m4a")
    throw new InputError(`--format must be mp3 or m4a, not "${format}".`);
  const bitrate = flags.bitrate === undefined ? undefined : positive("--bitrate", flags.bitrate);
  const concurrency =
    flags.concurrency === undefined ? availableParallelism() : positive("--concurrency", flags.concurrency);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const verbose = flags.verbose ? log : undefined;
  const config = await loadPodcastConfig(flags.config);
  const ffmpeg = createFfmpeg({
    signal,
    ...(flags.ffmpeg ? { ffmpegPath: flags.ffmpeg } : {}),
    ...(verbose ? { log: verbose } : {}),
  });
  const language = languageFlag(flags.language);
  const voices = await loadVoices(flags.voices);
  const scripts = [];
  for (const input of inputs) {
    scripts.push(
      await readScript(input, language ? { language } : { defaultLanguage: voices.profile.language }),
    );
  }
  const episodes = flags.edition ? [editionScript(flags.edition, scripts)] : scripts;
  const results = [];
  for (const script of episodes) {
    const progress = createProgress(`Speaking "${script.meta.title.slice(0, 40)}"`);
    try {
      results.push(
        await buildEpisode(
          script,
          {
            output: flags.output,
            format,
            ...(bitrate ? { bitrate } : {}),
            ...(flags.cover ? { cover: flags.cover } : {}),
            ...(config.author ? { artist: config.author } : {}),
            album: config.title,
          },
          {
            ffmpeg,
            voices,
            loadEngine,
            cacheDir: flags.cacheDir ?? defaultCacheDir(),
            concurrency,
            onProgress: (done, total) => {
              progress.update(done, total);
              report.spoken(done);
            },
            signal,
            log: verbose ?? (() => {}),
            now: () => new Date(),
          },
        ),
      );
    } finally {
      progress.stop();
    }
    // The feed follows each finished episode, so an interrupted edition of many keeps what it made.
    const last = results.length === episodes.length;
    const feedLog = last ? log : (line: string) => line.startsWith("warning:") || log(line);
    await withOutputLock(flags.output, () =>
      rebuildFeed(flags.output, config, { now: new Date(), log: feedLog }),
    );
    report.published();
  }
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
    process.stdout.write(`${JSON.stringify({ episodes: episodesOut }, null, 2)}\n`);
  } else {
    for (const r of results) {
      log(
        `${r.audio}: ${formatTime(r.durationSeconds)}, ${r.chapters.length} chapters (${r.synthesized} synthesized, ${r.cached} cached)`,
      );
    }
  }
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InputError(`${flag} must be a whole number of at least 1, not "${value}".`);
  return n;
}

function formatTime(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, "0")}`;
}
