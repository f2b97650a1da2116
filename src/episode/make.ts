/**
 * Making an episode's audio and everything its manifest says about it but its place: the
 * sentences spoken (from the cache where they are), assembled under a hidden name, the speakers'
 * voices, the episode's own art. Publishing it is `buildEpisode`'s.
 */
import { basename, join } from "node:path";
import { assemble } from "../assemble/assemble.js";
import { enterPhase } from "../phases.js";
import { episodeArt } from "../publish/episode-art.js";
import { announcements } from "../speech/announce.js";
import { assignVoices, voicesForLanguage } from "../speech/profile.js";
import { toUtterances } from "../speech/utterances.js";
import { synthesize } from "../synthesize/synthesize.js";
import type { EpisodeManifest, Script } from "../types.js";
import type { BuildDeps, BuildOptions } from "./build.js";

/** The episode's audio at `where.staging`, and everything its manifest says but its place. */
export async function makeEpisode(
  script: Script,
  opts: BuildOptions,
  deps: BuildDeps,
  where: { staging: string; label: string; previous: EpisodeManifest | undefined },
) {
  const { label, previous } = where;
  const { profile } = deps.voices;
  // Which ffmpeg encodes is asked while the sentences are spoken, not after.
  void deps.ffmpeg.prepare();
  warmEngines(script, deps);
  // A profile naming a voice no engine here has fails now, before any audio work.
  await deps.voices.checked?.();
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

/**
 * Starts the engines the episode's voices use while its text is prepared and looked up in the
 * cache: an engine's process takes a few tenths of a second to be ready, which a rebuild after a
 * one-sentence edit would otherwise wait for. When every sentence is cached after all, the
 * process goes unused and is stopped with the others.
 */
function warmEngines(script: Script, deps: BuildDeps): void {
  const { profile } = deps.voices;
  const engines = new Set([voicesForLanguage(profile, script.meta.language).roles.narrator.engine]);
  for (const voice of assignVoices(profile, script).values()) engines.add(voice.engine);
  for (const name of engines)
    deps.loadEngine(name).then(
      (engine) => engine.warm?.(),
      () => {}, // reported when the engine is first asked to speak
    );
}

/** A date an article states, as ISO 8601; undefined when it states none or nonsense. */
function articleDate(text: string | undefined): string | undefined {
  const time = text ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time) || time < Date.UTC(1900, 0, 1) || time > Date.now() + 86_400_000) return undefined;
  return new Date(time).toISOString();
}
