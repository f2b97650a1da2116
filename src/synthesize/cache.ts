/**
 * The content-addressed clip cache: one WAV per distinct (engine, voice, settings, text), so a
 * rebuild after an edit synthesizes only the sentences that changed, and an interrupted build
 * resumes where it stopped. Files appear atomically (temp name, then rename).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { replaceAtomic, writeFileAtomic } from "../atomic.js";
import { isCurrent, measureClip } from "../audio/level.js";
import { parseWav } from "../audio/wav.js";
import { isMonoPcm16, readWavInfo } from "../audio/wav-header.js";
import type { ClipLevel, Utterance } from "../types.js";

/** Option names whose values never enter a key (they do not change the audio, and must not leak). */
const SECRET = /key|token|secret|password|auth/i;

/**
 * `$PRESSCAST_CACHE_DIR`, else `$XDG_CACHE_HOME/presscast`, else `~/.cache/presscast`: outside
 * the published folder, shared by every build of the user.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PRESSCAST_CACHE_DIR) return env.PRESSCAST_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "presscast");
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET.test(key))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, inner]) => [key, canonical(inner)]));
  }
  return value;
}

/** sha256 over everything that changes the sound, and nothing that does not (pauses, written text). */
export function cacheKey(utterance: Utterance): string {
  const { engine, voice, rate = 1, pitch = 0, options = {} } = utterance.voice;
  const identity = JSON.stringify(canonical({ engine, voice, rate, pitch, options, text: utterance.spoken }));
  return createHash("sha256").update(identity).digest("hex");
}

/** `<cacheDir>/<first 2 hex>/<hash>.wav`, so no folder holds more than a few thousand files. */
export function cachePath(cacheDir: string, key: string): string {
  return join(cacheDir, key.slice(0, 2), `${key}.wav`);
}

/** The cached clip's format, or undefined when it is absent or unreadable (then it is made again). */
export async function readCached(file: string): Promise<{ sampleRate: number; samples: number } | undefined> {
  try {
    // The header is enough: clips are written whole (temp file, then rename), and reading every
    // cached clip in full would hold a long episode's audio in memory at once.
    const info = await readWavInfo(file);
    if (!isMonoPcm16(info) || info.dataBytes < 2) return undefined;
    return { sampleRate: info.sampleRate, samples: info.dataBytes >> 1 };
  } catch {
    return undefined;
  }
}

/**
 * A reader (a resumed build) never sees half a clip: `make` writes a temporary file beside the
 * target, which is renamed into place only when `make` succeeds.
 */
export function writeCached<T>(file: string, make: (temp: string) => Promise<T>): Promise<T> {
  return replaceAtomic(file, make);
}

/** `<hash>.level.json` beside `<hash>.wav`: the clip's loudness, gain and trim (see ClipLevel). */
function levelPath(file: string): string {
  return file.replace(/\.wav$/, ".level.json");
}

/**
 * The clip's level, read from beside it, or measured now and stored there for every later build
 * (a clip cached before levelling existed, or by an older levelling, is measured once).
 */
export async function clipLevel(
  file: string,
  clip: { sampleRate: number; samples: number },
): Promise<ClipLevel> {
  try {
    const stored = JSON.parse(await readFile(levelPath(file), "utf8")) as ClipLevel;
    if (isCurrent(stored, clip.sampleRate, clip.samples)) return stored;
  } catch {
    // absent or damaged: measured again below
  }
  const audio = parseWav(await readFile(file), file);
  const level = measureClip(audio.samples, audio.sampleRate);
  await writeFileAtomic(levelPath(file), JSON.stringify(level));
  return level;
}
