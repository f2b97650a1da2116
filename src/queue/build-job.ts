/**
 * The one place the queue calls the episode builder: a worker's settings, loaded once, and the
 * build and feed rebuild of one job, exactly as `build` runs them (the same builder, the same
 * output-folder lock), so an episode made by a worker is the episode `build` would make.
 */
import { createFfmpeg } from "../audio/ffmpeg.js";
import { type BuiltEpisode, buildEpisode } from "../episode/build.js";
import { type LoadedVoices, loadVoices } from "../episode/voices.js";
import { withOutputLock } from "../output/lock.js";
import { loadPodcastConfig, type PodcastConfig } from "../publish/config.js";
import type { ShowCover } from "../publish/cover.js";
import { publishCover } from "../publish/cover.js";
import { writeFeed } from "../publish/publish.js";
import { announcements } from "../speech/announce.js";
import { toUtterances } from "../speech/utterances.js";
import { loadEngine } from "../synthesize/registry.js";
import type { Script, Utterance } from "../types.js";

/** How a worker builds: the same meaning as `build`'s options of the same names. */
export interface WorkerSettings {
  /** The output folder shared by every worker. */
  output: string;
  /** The synthesis cache shared by every worker. */
  cacheDir: string;
  format: "mp3" | "m4a";
  /** kbps; default: 96 */
  bitrate?: number;
  /** Voice profile file; default: voices/default.yaml */
  voices?: string;
  /** Podcast config file; default: presscast.yaml if present */
  config?: string;
  ffmpeg?: string;
  log: (line: string) => void;
  verbose: boolean;
}

/** What a worker loads once and uses for every job. */
export interface Show {
  settings: WorkerSettings;
  config: PodcastConfig;
  cover: ShowCover;
  voices: LoadedVoices;
}

export async function openShow(settings: WorkerSettings): Promise<Show> {
  const config = await loadPodcastConfig(settings.config);
  const voices = await loadVoices(settings.voices);
  const cover = await withOutputLock(settings.output, () => publishCover(settings.output, config));
  return { settings, config, cover, voices };
}

/** The utterances a build of `script` speaks, intro and outro included. */
export function utterancesOf(script: Script, show: Show): Utterance[] {
  const { profile, lexicon, maxChars } = show.voices;
  return toUtterances(script, profile, {
    lexicon,
    maxChars,
    announce: announcements(script, {
      intro: show.config.intro ?? profile.intro,
      outro: show.config.outro ?? profile.outro,
    }),
  });
}

/** Builds and publishes one episode, and rebuilds the feed and player in the same turn at the output lock. */
export async function buildAndPublish(
  script: Script,
  show: Show,
  run: { signal: AbortSignal; concurrency: number },
): Promise<BuiltEpisode> {
  const { settings, config, cover } = show;
  const verbose = settings.verbose ? settings.log : undefined;
  const ffmpeg = createFfmpeg({
    signal: run.signal,
    ...(settings.ffmpeg ? { ffmpegPath: settings.ffmpeg } : {}),
    ...(verbose ? { log: verbose } : {}),
  });
  const built = await buildEpisode(
    script,
    {
      output: settings.output,
      format: settings.format,
      ...(settings.bitrate ? { bitrate: settings.bitrate } : {}),
      ...(cover.file ? { cover: cover.file } : {}),
      artist: config.author ?? config.title,
      album: config.title,
      announce: {
        ...(config.intro !== undefined ? { intro: config.intro } : {}),
        ...(config.outro !== undefined ? { outro: config.outro } : {}),
      },
    },
    {
      ffmpeg,
      voices: show.voices,
      loadEngine,
      cacheDir: settings.cacheDir,
      concurrency: run.concurrency,
      signal: run.signal,
      log: verbose ?? (() => {}),
      now: () => new Date(),
      // Every worker rebuilds from every manifest, in the same turn at the lock that published
      // its episode: the last rebuild after any episode is published includes it.
      published: () =>
        writeFeed(settings.output, config, {
          now: new Date(),
          log: (line) => line.startsWith("warning:") || verbose?.(line),
          cover,
        }),
    },
  );
  return built;
}

/** An episode as `build --json` prints it. */
export function episodeSummary(built: BuiltEpisode) {
  return {
    title: built.title,
    guid: built.guid,
    audio: built.audio,
    manifest: built.manifest,
    durationSeconds: built.durationSeconds,
    chapters: built.chapters.map(({ title, start, end }) => ({ title, start, end })),
    synthesized: built.synthesized,
    cached: built.cached,
    unchanged: built.unchanged,
  };
}
