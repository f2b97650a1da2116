/**
 * The content-addressed clip cache: one WAV per distinct (engine, voice, settings, text), so a
 * rebuild after an edit synthesizes only the sentences that changed, and an interrupted build
 * resumes where it stopped. Files appear atomically (temp name, then rename), complete (the WAV
 * holds every byte its header promises) and sealed with a checksum that is verified on use.
 */
import { createHash } from "node:crypto";
import { readFile, utimes } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { replaceAtomic, writeFileAtomic } from "../atomic.js";
import { isCurrent, measureClip } from "../audio/level.js";
import { parseWav } from "../audio/wav.js";
import { WorkError } from "../errors.js";
import { chargeSync } from "../phases.js";
import { seal, unseal } from "../sealed.js";
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

/** A whole mono 16-bit PCM WAV's format, or why it is not one (a short write, another format). */
export function clipFacts(bytes: Buffer): { sampleRate: number; samples: number } | string {
  if (
    bytes.length < 12 ||
    bytes.toString("latin1", 0, 4) !== "RIFF" ||
    bytes.toString("latin1", 8, 12) !== "WAVE"
  )
    return "no RIFF/WAVE header";
  let shape = "";
  let sampleRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString("latin1", at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === "fmt " && at + 24 <= bytes.length) {
      const tag = bytes.readUInt16LE(at + 8);
      shape = `${tag === 0xfffe ? 1 : tag}/${bytes.readUInt16LE(at + 10)}/${bytes.readUInt16LE(at + 22)}`;
      sampleRate = bytes.readUInt32LE(at + 12);
    } else if (id === "data") {
      if (shape !== "1/1/16" || sampleRate <= 0) return "not mono 16-bit PCM";
      if (at + 8 + size > bytes.length) return `its data stops ${at + 8 + size - bytes.length} bytes short`;
      if (size < 2) return "no samples";
      return { sampleRate, samples: size >> 1 };
    }
    at += 8 + size + (size % 2);
  }
  return "no data chunk";
}

/**
 * The cached clip's format, or undefined when it is absent or fails its checksum (then it is
 * deleted and made again). A hit's time is renewed: the cache is pruned least recently used first.
 */
export async function readCached(file: string): Promise<{ sampleRate: number; samples: number } | undefined> {
  const bytes = await unseal(file);
  if (!bytes) return undefined;
  const facts = clipFacts(bytes);
  if (typeof facts === "string") return undefined;
  const now = new Date();
  await utimes(file, now, now).catch(() => {});
  return facts;
}

/**
 * A reader (a resumed build) never sees half a clip: `make` writes a temporary file beside the
 * target; it is checked whole, sealed, and renamed into place only when all of that succeeds.
 */
export function writeCached<T>(file: string, make: (temp: string) => Promise<T>): Promise<T> {
  return replaceAtomic(file, async (temp) => {
    const result = await make(temp);
    const facts = clipFacts(await readFile(temp));
    if (typeof facts === "string")
      throw new WorkError(
        `A clip written for the cache at ${file} is unusable (${facts}); is the disk full?`,
      );
    await seal(temp, { riff: true });
    return result;
  });
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
  const bytes = await readFile(file);
  const level = chargeSync("level", () => {
    const audio = parseWav(bytes, file);
    return measureClip(audio.samples, audio.sampleRate);
  });
  await writeFileAtomic(levelPath(file), JSON.stringify(level));
  return level;
}
