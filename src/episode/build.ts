import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { assemble } from "../assemble/assemble.js";
import { writeFileAtomic } from "../atomic.js";
import type { FfmpegRunner } from "../audio/ffmpeg.js";
import { episodeGuid, reservationPath, slugify, uniqueSlug } from "../output/episode-id.js";
import { findEpisode, scriptIdentity } from "../output/identity.js";
import { episodeFileNames } from "../output/layout.js";
import { withOutputLock } from "../output/lock.js";
import { writeEpisodeArt } from "../publish/episode-art.js";
import { writeEpisodeFiles } from "../publish/publish.js";
import { type AnnounceSettings, announcements } from "../speech/announce.js";
import { assignVoices } from "../speech/profile.js";
import { toUtterances } from "../speech/utterances.js";
import type { Engine } from "../synthesize/engine.js";
import { synthesize } from "../synthesize/synthesize.js";
import type { EpisodeManifest, Script } from "../types.js";
import type { LoadedVoices } from "./voices.js";

/** Bumped when a change to presscast makes old episodes worth rebuilding. */
const BUILD_VERSION = 2;

export interface BuildDeps {
  ffmpeg: FfmpegRunner;
  voices: LoadedVoices;
  loadEngine: (name: string) => Promise<Engine>;
  cacheDir: string;
  concurrency?: number;
  /** A phase's progress (synthesis), for a bar or plain lines. */
  onProgress?: (done: number, total: number) => void;
  log: (line: string) => void;
  now: () => Date;
  signal?: AbortSignal;
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
 * One Script → one published episode: speak, synthesize (cached), assemble, then write the
 * manifest and its transcripts beside the audio. A Script whose inputs are the same as last time
 * (same text, voices, lexicon and format) is detected from the manifest and not rebuilt.
 */
export async function buildEpisode(
  script: Script,
  opts: BuildOptions,
  deps: BuildDeps,
): Promise<BuiltEpisode> {
  const episodesDir = join(opts.output, "episodes");
  // The slug is chosen and held under the lock, so two builds of one title cannot both take it.
  // The same article built before (same canonical URL, or same file name and title) is replaced
  // in place and keeps its GUID; anything else gets its own slug.
  const identity = scriptIdentity(script.meta);
  const { guid, slug } = await withOutputLock(opts.output, async () => {
    await mkdir(episodesDir, { recursive: true });
    // A feed item whose content changed names the episode it replaces; otherwise it is looked up.
    const known = opts.replaces ?? (await findEpisode(episodesDir, identity));
    const id = known?.guid ?? episodeGuid(identity);
    const free = known?.slug ?? (await uniqueSlug(episodesDir, slugify(script.meta.title), id));
    await writeFileAtomic(reservationPath(episodesDir, free), id);
    return { guid: id, slug: free };
  });
  try {
    return await buildReserved(script, opts, deps, { episodesDir, guid, slug });
  } finally {
    await rm(reservationPath(episodesDir, slug), { force: true });
  }
}

async function buildReserved(
  script: Script,
  opts: BuildOptions,
  deps: BuildDeps,
  where: { episodesDir: string; guid: string; slug: string },
): Promise<BuiltEpisode> {
  const { episodesDir, guid, slug } = where;
  const audio = join(episodesDir, `${slug}.${opts.format}`);
  const manifestPath = join(episodesDir, `${slug}.json`);
  const key = buildKey(script, opts, deps.voices);
  const previous = await readManifest(manifestPath);
  if (previous?.buildKey === key && (await sizeOf(audio)) === previous.audio.bytes) {
    deps.log(`${slug}: unchanged since the last build`);
    return result(previous, audio, manifestPath, 0, 0, true);
  }

  await removeStaleParts(episodesDir, slug);
  const { profile } = deps.voices;
  const utterances = toUtterances(script, profile, {
    lexicon: deps.voices.lexicon,
    maxChars: deps.voices.maxChars,
    announce: announcements(script, {
      intro: opts.announce?.intro ?? profile.intro,
      outro: opts.announce?.outro ?? profile.outro,
    }),
  });
  const clips = await synthesize(utterances, {
    loadEngine: deps.loadEngine,
    cacheDir: deps.cacheDir,
    ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const cached = clips.filter((clip) => clip.cached).length;
  deps.log(`${slug}: ${clips.length - cached} utterances synthesized, ${cached} from the cache`);

  // The article's own date when it has one (a feed item's, a page's), else the first build's.
  const published = articleDate(script.meta.published) ?? previous?.published ?? deps.now().toISOString();
  // Published files name a local article by its file name only (a web page by its address): a
  // local path says nothing to a listener and tells the world where the author keeps their files.
  const sources = (script.meta.source ?? "")
    .split(", ")
    .filter(Boolean)
    .map((source) => (/^https?:\/\//i.test(source) ? source : basename(source)));
  // Assembled under a hidden name, then published together with its manifest under the lock.
  const staging = join(episodesDir, `.${slug}.staging.${opts.format}`);
  const assembled = await assemble(clips, script.chapters, {
    output: staging,
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

  const voices = assignVoices(deps.voices.profile, script);
  const image = script.meta.image
    ? await writeEpisodeArt(script.meta.image, episodesDir, slug, deps.log)
    : undefined;
  const manifest: EpisodeManifest = {
    slug,
    title: script.meta.title,
    guid,
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
      file: `${slug}.${opts.format}`,
      bytes: assembled.bytes,
      type: opts.format === "mp3" ? "audio/mpeg" : "audio/x-m4a",
    },
    ...(image ? { image } : {}),
    chapters: assembled.chapters,
    cues: assembled.cues,
    buildKey: key,
  };
  await withOutputLock(opts.output, async () => {
    await rename(staging, audio);
    const shown: Script = { ...script, meta: { ...script.meta } };
    if (sources.length > 0) shown.meta.source = sources.join(", ");
    await writeFileAtomic(
      join(episodesDir, episodeFileNames(slug).script),
      `${JSON.stringify(shown, null, 2)}\n`,
    );
    await writeEpisodeFiles(episodesDir, manifest);
  });
  if (assembled.pieces) {
    const { total, encoded } = assembled.pieces;
    deps.log(`${slug}: ${encoded} of ${total} MP3 pieces encoded, ${total - encoded} reused`);
  }
  const built = result(manifest, audio, manifestPath, clips.length - cached, cached, false);
  return assembled.pieces ? { ...built, pieces: assembled.pieces } : built;
}

function result(
  m: EpisodeManifest,
  audio: string,
  manifest: string,
  synthesized: number,
  cached: number,
  unchanged: boolean,
): BuiltEpisode {
  return {
    title: m.title,
    slug: m.slug,
    guid: m.guid,
    audio,
    manifest,
    durationSeconds: m.durationSeconds,
    chapters: m.chapters,
    synthesized,
    cached,
    unchanged,
  };
}

/** Everything the audio depends on, hashed: the script, the voices and lexicon, the format. */
function buildKey(script: Script, opts: BuildOptions, voices: LoadedVoices): string {
  const { file: _file, ...profile } = voices.profile;
  // Which episode it replaces names the files, not the audio; where the output folder and the
  // cover are mounted differs between machines (the cover's bytes are hashed below).
  const { replaces: _replaces, output: _output, cover: _cover, ...audioOpts } = opts;
  const inputs = {
    v: BUILD_VERSION,
    script: { ...script, dropped: [] },
    profile,
    lexicon: voices.lexicon,
    opts: audioOpts,
    cover: opts.cover ? createHash("sha256").update(readFileSync(opts.cover)).digest("hex") : null,
  };
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex");
}

/** A build killed while encoding leaves its hidden `.part` or staged audio; the next build of it removes them. */
async function removeStaleParts(dir: string, slug: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter(
    (name) => name.startsWith(`.${slug}.`) && (name.endsWith(".part") || name.includes(".staging.")),
  );
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
}

/** A date an article states, as ISO 8601; undefined when it states none or nonsense. */
function articleDate(text: string | undefined): string | undefined {
  const time = text ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time) || time < Date.UTC(1900, 0, 1) || time > Date.now() + 86_400_000) return undefined;
  return new Date(time).toISOString();
}

async function readManifest(file: string): Promise<EpisodeManifest | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as EpisodeManifest;
  } catch {
    return undefined;
  }
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}
