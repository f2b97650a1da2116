import { rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../atomic.js";
import type { FfmpegRunner } from "../audio/ffmpeg.js";
import { episodeGuid, slugify, uniqueSlug } from "../output/episode-id.js";
import { findEpisode, scriptIdentity } from "../output/identity.js";
import { audioName, episodeFileNames, episodesDir, stagingName } from "../output/layout.js";
import { removeLeftovers } from "../output/leftovers.js";
import { withOutputLock, writableFolder } from "../output/lock.js";
import { readManifest } from "../output/manifest.js";
import { writeEpisodeFiles } from "../publish/publish.js";
import type { AnnounceSettings } from "../speech/announce.js";
import type { Engine } from "../synthesize/engine.js";
import type { EpisodeManifest, Script } from "../types.js";
import { buildKey } from "./build-key.js";
import type { LoadedVoices } from "./voices.js";

export interface BuildDeps {
  ffmpeg: FfmpegRunner;
  voices: LoadedVoices;
  loadEngine: (name: string) => Promise<Engine>;
  /**
   * Called once the episode's clips are all made: the engines' processes (about 100 MB each)
   * need not sit idle through assembly. The next episode starts them again. default: none
   */
  releaseEngines?: () => Promise<void>;
  cacheDir: string;
  concurrency?: number;
  /** A phase's progress (synthesis), for a bar or plain lines. */
  onProgress?: (done: number, total: number) => void;
  log: (line: string) => void;
  now: () => Date;
  signal?: AbortSignal;
  /**
   * Runs while the output folder's lock is still held from publishing the episode (also when it
   * was unchanged): rebuilding the feed there needs no second turn at the lock.
   */
  published?: (episode: BuiltEpisode) => Promise<unknown>;
}

export interface BuildOptions {
  /** The output folder; episodes go to `<output>/episodes/`. */
  output: string;
  format: "mp3" | "m4a";
  /** kbps. default: 96 */
  bitrate?: number;
  /** The show's cover (JPEG or PNG), stored in each episode's tags. */
  cover?: string;
  /** The artist tag when the article names no author: the show's author or title. */
  artist?: string;
  /** The album tag: the show's title. */
  album?: string;
  /**
   * The episode this one replaces (a feed item whose content changed): its GUID and slug are
   * kept, whatever the new title. default: none, the GUID comes from the article's URL or file
   */
  replaces?: { guid: string; slug: string };
  /** The show's intro and outro settings (presscast.yaml); the voice profile's apply where absent. */
  announce?: AnnounceSettings;
}

export interface BuiltEpisode {
  title: string;
  slug: string;
  guid: string;
  audio: string;
  manifest: string;
  durationSeconds: number;
  chapters: EpisodeManifest["chapters"];
  synthesized: number;
  cached: number;
  /** True when nothing had changed since the last build and nothing was redone. */
  unchanged: boolean;
  /** MP3 pieces in the episode and how many were encoded this time (the rest were reused). */
  pieces?: { total: number; encoded: number };
}

/**
 * One Script → one published episode: speak, synthesize (cached), assemble under a hidden name,
 * then publish: under the output folder's lock, taken once, choose the slug, move the audio into
 * place, write the manifest and its transcripts beside it, and run `deps.published` (the feed).
 * A Script whose inputs are the same as last time (same text, voices, lexicon and format) is
 * detected from the manifest and not rebuilt.
 */
export async function buildEpisode(
  script: Script,
  opts: BuildOptions,
  deps: BuildDeps,
): Promise<BuiltEpisode> {
  await writableFolder(opts.output);
  const dir = episodesDir(opts.output);
  // The same article built before (same canonical URL, or same source file) is replaced in place
  // and keeps its GUID; a feed item whose content changed names the episode it replaces.
  const identity = scriptIdentity(script.meta);
  const place = async () => {
    const known = opts.replaces ?? (await findEpisode(dir, identity));
    const guid = known?.guid ?? episodeGuid(identity);
    return { guid, slug: known?.slug ?? (await uniqueSlug(dir, slugify(script.meta.title), guid)) };
  };
  // Looked up now to find the last build; chosen again when publishing, as another build may
  // have published meanwhile.
  const { guid, slug: label } = await place();
  const key = buildKey(script, opts, deps.voices);
  const previous = await readManifest(join(dir, episodeFileNames(label).manifest));
  if (
    previous?.guid === guid &&
    previous.buildKey === key &&
    (await sizeOf(join(dir, previous.audio.file))) === previous.audio.bytes
  ) {
    deps.log(`${label}: unchanged since the last build`);
    const built = result(previous, join(dir, previous.audio.file), 0, 0, true);
    await withOutputLock(opts.output, async () => deps.published?.(built));
    return built;
  }

  await removeLeftovers(dir, guid);
  const staging = join(dir, stagingName(guid, opts.format));
  try {
    // Speaking and assembling load only when there is something to make: an unchanged episode
    // is answered without the engines, the encoder or the audio stages.
    const { makeEpisode } = await import("./make.js");
    const work = await makeEpisode(script, opts, deps, { staging, label, previous });
    return await withOutputLock(opts.output, async () => {
      const { guid: id, slug } = await place();
      const names = episodeFileNames(slug);
      const manifest: EpisodeManifest = {
        ...work.manifest,
        slug,
        guid: id,
        audio: { ...work.manifest.audio, file: audioName(slug, opts.format) },
        ...(work.art ? { image: names.image } : {}),
        buildKey: key,
      };
      await rename(staging, join(dir, manifest.audio.file));
      if (work.art) await writeFileAtomic(join(dir, names.image), work.art);
      await writeFileAtomic(join(dir, names.script), `${JSON.stringify(work.shown, null, 2)}\n`);
      await writeEpisodeFiles(dir, manifest);
      const built = result(manifest, join(dir, manifest.audio.file), work.synthesized, work.cached, false);
      const withPieces = work.pieces ? { ...built, pieces: work.pieces } : built;
      await deps.published?.(withPieces);
      return withPieces;
    });
  } catch (error) {
    await rm(staging, { force: true });
    throw error;
  }
}

function result(
  m: EpisodeManifest,
  audio: string,
  synthesized: number,
  cached: number,
  unchanged: boolean,
): BuiltEpisode {
  return {
    title: m.title,
    slug: m.slug,
    guid: m.guid,
    audio,
    manifest: join(dirname(audio), episodeFileNames(m.slug).manifest),
    durationSeconds: m.durationSeconds,
    chapters: m.chapters,
    synthesized,
    cached,
    unchanged,
  };
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}
