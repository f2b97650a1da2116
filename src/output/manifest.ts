/**
 * The episode manifest `<slug>.json`: the one place it is read, checked and written. The build,
 * the feed, `remove`, `serve` and the slug owner all ask this module.
 */
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../atomic.js";
import { readLimited } from "../input-file.js";
import type { EpisodeManifest } from "../types.js";
import { EPISODES_DIR, episodeFileNames, isManifestName } from "./layout.js";

/** Manifests are small; one larger than this is not one presscast wrote. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** A file name beside the manifest: no folder, no leading dot. */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Write `<slug>.json` into `episodesDir`, atomically. */
export async function writeManifest(episodesDir: string, manifest: EpisodeManifest): Promise<void> {
  const file = join(episodesDir, episodeFileNames(manifest.slug).manifest);
  await writeFileAtomic(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest file's text, read with a bound; throws when it cannot be read. */
async function manifestText(file: string): Promise<string> {
  return (await readLimited(file, { what: file, maxBytes: MAX_MANIFEST_BYTES })).toString("utf8");
}

/** The manifest at `file`, checked; throws an Error saying what is wrong with it. */
export async function readManifestFile(file: string): Promise<EpisodeManifest> {
  return checkManifest(JSON.parse(await manifestText(file)));
}

/** The manifest at `file`, or undefined when there is none or it is not a usable manifest. */
export async function readManifest(file: string): Promise<EpisodeManifest | undefined> {
  try {
    return await readManifestFile(file);
  } catch {
    return undefined;
  }
}

/**
 * Whatever a manifest's JSON holds, unchecked, or undefined when it is not JSON: for finding an
 * episode by its identity even when one of its fields is damaged.
 */
export async function readManifestData(file: string): Promise<Partial<EpisodeManifest> | undefined> {
  try {
    const data: unknown = JSON.parse(await manifestText(file));
    return typeof data === "object" && data !== null ? (data as Partial<EpisodeManifest>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The GUID a manifest holds: undefined when there is no manifest, "" when it holds none. A
 * damaged manifest (cut short, a field broken) still names its GUID near its top; recovering it
 * lets a rebuild of that episode take its own slug back instead of orphaning its files under "-2".
 */
export async function readManifestGuid(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await manifestText(file);
  } catch {
    return existsSync(file) ? "" : undefined;
  }
  try {
    const data = JSON.parse(text) as { guid?: unknown };
    return typeof data?.guid === "string" ? data.guid : "";
  } catch {
    return /"guid"\s*:\s*"([0-9a-f-]{36})"/i.exec(text)?.[1] ?? "";
  }
}

/** The manifest file names in `episodesDir`, sorted; none when the folder does not exist. */
export async function manifestNames(episodesDir: string): Promise<string[]> {
  try {
    return (await readdir(episodesDir)).filter(isManifestName).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * Every usable manifest under `<outputDir>/episodes`, with `audio.bytes` set to the audio file's
 * size on disk (the feed's enclosure length must be exact). A manifest that cannot be read, or
 * whose audio is missing, is left out with a line in the log naming it.
 */
export async function readManifests(
  outputDir: string,
  log: (line: string) => void,
): Promise<EpisodeManifest[]> {
  const dir = join(outputDir, EPISODES_DIR);
  const manifests: EpisodeManifest[] = [];
  for (const name of await manifestNames(dir)) {
    const file = join(dir, name);
    let manifest: EpisodeManifest;
    try {
      manifest = await readManifestFile(file);
    } catch (error) {
      log(`warning: ${file}: not an episode manifest (${(error as Error).message}); left out of the feed.`);
      continue;
    }
    if (Number.isNaN(Date.parse(manifest.published))) {
      // A date no reader understands would be printed as "Invalid Date"; the file's own time is close.
      const when = (await stat(file)).mtime.toISOString();
      log(`warning: ${file}: "published" is not a date; using the file's time, ${when}.`);
      manifest = { ...manifest, published: when };
    }
    try {
      const bytes = (await stat(join(dir, manifest.audio.file))).size;
      manifests.push({ ...manifest, audio: { ...manifest.audio, bytes } });
    } catch {
      log(
        `warning: ${file}: its audio ${manifest.audio.file} is missing; left out of the feed until rebuilt.`,
      );
    }
  }
  return manifests;
}

type Item = Record<string, unknown>;
/** A list whose every item is an object passing `check`: one null chapter must not stop the feed. */
const listOf = (value: unknown, check: (item: Item) => boolean): boolean =>
  Array.isArray(value) &&
  value.every((item) => typeof item === "object" && item !== null && check(item as Item));
const times = (x: Item): boolean => Number.isFinite(x.start) && Number.isFinite(x.end);

/** Enough of a manifest's shape to publish it safely; the audio must be a plain file name. */
function checkManifest(data: unknown): EpisodeManifest {
  const m = data as Partial<EpisodeManifest> | null;
  const fields: Array<[string, boolean]> = [
    ["slug", typeof m?.slug === "string" && /^[A-Za-z0-9_-]+$/.test(m.slug)],
    ["title", typeof m?.title === "string"],
    ["guid", typeof m?.guid === "string" && m.guid.length > 0],
    ["published", typeof m?.published === "string"],
    ["language", typeof m?.language === "string"],
    ["durationSeconds", typeof m?.durationSeconds === "number"],
    ["audio.file", typeof m?.audio?.file === "string" && SAFE_NAME.test(m.audio.file)],
    ["audio.type", m?.audio?.type === "audio/mpeg" || m?.audio?.type === "audio/x-m4a"],
    ["speakers", listOf(m?.speakers, (x) => typeof x.id === "string")],
    ["chapters", listOf(m?.chapters, (x) => typeof x.title === "string" && times(x))],
    ["cues", listOf(m?.cues, (x) => typeof x.text === "string" && typeof x.speaker === "string" && times(x))],
  ];
  const bad = fields.find(([, ok]) => !ok);
  if (bad) throw new Error(`"${bad[0]}" is missing or wrong`);
  const manifest = m as EpisodeManifest;
  // Episode art is a plain file name beside the audio, or nothing.
  if (manifest.image !== undefined && !(typeof manifest.image === "string" && SAFE_NAME.test(manifest.image)))
    delete manifest.image;
  return manifest;
}
