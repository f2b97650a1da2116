import { rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { assemble } from "../assemble/assemble.js";
import { writeFileAtomic } from "../atomic.js";
import type { FfmpegRunner } from "../audio/ffmpeg.js";
import { episodeGuid, slugify, uniqueSlug } from "../output/episode-id.js";
import { findEpisode, scriptIdentity } from "../output/identity.js";
import { audioName, episodeFileNames, episodesDir, stagingName } from "../output/layout.js";
import { removeLeftovers } from "../output/leftovers.js";
import { withOutputLock, writableFolder } from "../output/lock.js";
import { readManifest } from "../output/manifest.js";
import { enterPhase } from "../phases.js";
import { episodeArt } from "../publish/episode-art.js";
import { writeEpisodeFiles } from "../publish/publish.js";
import { type AnnounceSettings, announcements } from "../speech/announce.js";
import { assignVoices } from "../speech/profile.js";
import { toUtterances } from "../speech/utterances.js";
import type { Engine } from "../synthesize/engine.js";
import { synthesize } from "../synthesize/synthesize.js";
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

/** The episode's audio at `where.staging`, and everything its manifest says but its place. */
async function makeEpisode(
  script: Script,
  opts: BuildOptions,
  deps: BuildDeps,
  where: { staging: string; label: string; previous: EpisodeManifest | undefined },
) {
  const { label, previous } = where;
  const { profile } = deps.voices;
  enterPhase("normalise");
  const utterances = toUtterances(script, profile, {
    lexicon: deps.voices.lexicon,
    maxChars: deps.voices.maxChars,
    announce: announcements(script, {
      intro: opts.announce?.intro ?? profile.intro,
      outro: opts.announce?.outro ?? profile.outro,
    }),
  });
  enterPhase("synthesize");
  const clips = await synthesize(utterances, {
    loadEngine: deps.loadEngine,
    cacheDir: deps.cacheDir,
    ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  await deps.releaseEngines?.();
  const cached = clips.filter((clip) => clip.cached).length;
  deps.log(`${label}: ${clips.length - cached} utterances synthesized, ${cached} from the cache`);

  // The article's own date when it has one (a feed item's, a page's), else the first build's.
  const published = articleDate(script.meta.published) ?? previous?.published ?? deps.now().toISOString();
  // Published files name a local article by its file name only (a web page by its address): a
  // local path says nothing to a listener and tells the world where the author keeps their files.
  const sources = (script.meta.source ?? "")
    .split(", ")
    .filter(Boolean)
    .map((source) => (/^https?:\/\//i.test(source) ? source : basename(source)));
  const assembled = await assemble(clips, script.chapters, {
    output: where.staging,
    format: opts.format,
    ...(opts.bitrate ? { bitrate: opts.bitrate } : {}),
    ...(opts.cover ? { cover: opts.cover } : {}),
    ffmpeg: deps.ffmpeg,
    pieceDir: join(deps.cacheDir, "pieces"),
    meta: {
      title: script.meta.title,
      artist: script.meta.byline ?? opts.artist ?? "presscast",
      album: opts.album ?? "presscast",
      date: published.slice(0, 10),
      comment: script.meta.url ?? sources.join(", "),
      ...(/^https?:\/\//i.test(script.meta.url ?? "") ? { sourceUrl: script.meta.url } : {}),
      language: script.meta.language,
    },
  });
  if (assembled.pieces) {
    const { total, encoded } = assembled.pieces;
    deps.log(`${label}: ${encoded} of ${total} MP3 pieces encoded, ${total - encoded} reused`);
  }

  enterPhase("publish");
  const voices = assignVoices(deps.voices.profile, script);
  const art = script.meta.image ? await episodeArt(script.meta.image, deps.log) : undefined;
  // Slug, GUID, file names and build key are filled in when the episode is published.
  const manifest: EpisodeManifest = {
    slug: "",
    title: script.meta.title,
    guid: "",
    source: sources,
    language: script.meta.language,
    ...(script.meta.subtitle ? { description: script.meta.subtitle } : {}),
    ...(script.meta.byline ? { byline: script.meta.byline } : {}),
    ...(script.meta.url ? { url: script.meta.url } : {}),
    published,
    speakers: script.speakers.map((speaker) => {
      const voice = voices.get(speaker.id) ?? deps.voices.profile.roles.narrator;
      return { ...speaker, engine: voice.engine, voice: voice.voice };
    }),
    durationSeconds: assembled.durationSeconds,
    audio: {
      file: "",
      bytes: assembled.bytes,
      type: opts.format === "mp3" ? "audio/mpeg" : "audio/x-m4a",
      encoder: `ffmpeg ${deps.ffmpeg.version}, ${opts.format === "mp3" ? "libmp3lame" : "aac"}`,
    },
    ...(art ? { image: "" } : {}),
    chapters: assembled.chapters,
    cues: assembled.cues,
    buildKey: "",
  };
  const shown: Script = { ...script, meta: { ...script.meta } };
  if (sources.length > 0) shown.meta.source = sources.join(", ");
  return {
    manifest,
    art,
    shown,
    synthesized: clips.length - cached,
    cached,
    ...(assembled.pieces ? { pieces: assembled.pieces } : {}),
  };
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

/** A date an article states, as ISO 8601; undefined when it states none or nonsense. */
function articleDate(text: string | undefined): string | undefined {
  const time = text ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time) || time < Date.UTC(1900, 0, 1) || time > Date.now() + 86_400_000) return undefined;
  return new Date(time).toISOString();
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}
