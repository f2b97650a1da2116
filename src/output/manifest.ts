/**
 * The episode manifest `<slug>.json`: the one place it is read, checked and written. The build,
 * the feed, `remove`, `serve` and the slug owner all ask this module.
 *
 * A manifest carries the `version` of its shape. One of an older version (those written before
 * versions have none: version 0) is migrated when read, never dropped; one that is not JSON or
 * does not have the shape is left out of the feed with a warning naming it, and stops nothing.
 */
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../atomic.js";
import { readLimited } from "../input-file.js";
import { isMapping, parseData } from "../schema.js";
import type { EpisodeManifest } from "../types.js";
import { EPISODES_DIR, episodeFileNames, isManifestName } from "./layout.js";

/** Manifests are small; one larger than this is not one presscast wrote. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** A file name beside the manifest: no folder, no leading dot. */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** The manifest shape this presscast writes. */
export const MANIFEST_VERSION = 1;

/**
 * How each older shape becomes the next: entry n takes a version-n manifest to version n + 1.
 * Version 0 had the same fields, only no version.
 */
const MIGRATIONS: Array<(data: Record<string, unknown>) => Record<string, unknown>> = [
  (data) => ({ ...data, version: 1 }),
];

const times = { start: z.number(), end: z.number() };
/** Enough of a manifest's shape to publish it safely; its files must be plain names beside it. */
const manifestSchema = z.looseObject({
  version: z.literal(MANIFEST_VERSION, "is not a version this presscast knows"),
  slug: z.string().regex(/^[A-Za-z0-9_-]+$/, "must be letters, digits, - and _"),
  title: z.string(),
  guid: z.string().min(1, "is empty"),
  // What only describes the episode is dropped when damaged, not the episode.
  source: z.array(z.string()).catch([]),
  description: z.string().optional().catch(undefined),
  byline: z.string().optional().catch(undefined),
  url: z.string().optional().catch(undefined),
  published: z.string(),
  language: z.string(),
  durationSeconds: z.number(),
  audio: z.looseObject({
    file: z.string().regex(SAFE_NAME, "must be a file name beside the manifest"),
    type: z.enum(["audio/mpeg", "audio/x-m4a"]),
  }),
  // Episode art is a plain file name beside the audio, or nothing.
  image: z.string().regex(SAFE_NAME).optional().catch(undefined),
  speakers: z.array(z.looseObject({ id: z.string() })),
  chapters: z.array(z.looseObject({ title: z.string(), ...times })),
  cues: z.array(z.looseObject({ text: z.string(), speaker: z.string(), ...times })),
});

/** A parsed manifest of any version, migrated and checked; throws an Error saying what is wrong. */
export function checkManifest(data: unknown): EpisodeManifest {
  let manifest = data;
  if (isMapping(data)) {
    let m = data;
    const version = m.version ?? 0;
    if (typeof version === "number" && version > MANIFEST_VERSION)
      throw new Error(`"version" ${version} is newer than this presscast reads (${MANIFEST_VERSION})`);
    if (Number.isInteger(version) && (version as number) >= 0)
      for (const step of MIGRATIONS.slice(version as number)) m = step(m);
    manifest = m;
  }
  const result = parseData(manifestSchema, manifest);
  if ("problem" in result) throw new Error(result.problem.replace(/\.$/, ""));
  // The schema checks what publishing relies on; the rest is as presscast wrote it.
  return result.data as unknown as EpisodeManifest;
}

/** Write `<slug>.json` into `episodesDir`, atomically, stamped with this presscast's version. */
export async function writeManifest(episodesDir: string, manifest: EpisodeManifest): Promise<void> {
  const file = join(episodesDir, episodeFileNames(manifest.slug).manifest);
  const { version: _, ...fields } = manifest;
  await writeFileAtomic(file, `${JSON.stringify({ version: MANIFEST_VERSION, ...fields }, null, 2)}\n`);
}

/** The manifest file's text, read with a bound; throws when it cannot be read. */
async function manifestText(file: string): Promise<string> {
  return (await readLimited(file, { what: file, maxBytes: MAX_MANIFEST_BYTES })).toString("utf8");
}

/** The manifest at `file`, migrated and checked; throws an Error saying what is wrong with it. */
export async function readManifestFile(file: string): Promise<EpisodeManifest> {
  let data: unknown;
  try {
    data = JSON.parse(await manifestText(file));
  } catch (error) {
    // Not the parser's message: it quotes the text.
    throw error instanceof SyntaxError ? new Error("not JSON") : error;
  }
  return checkManifest(data);
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
    return isMapping(data) ? (data as Partial<EpisodeManifest>) : undefined;
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
 * whose audio is missing or shorter than it was published, is left out with a line in the log
 * naming it.
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
    let bytes: number;
    try {
      bytes = (await stat(join(dir, manifest.audio.file))).size;
    } catch {
      log(
        `warning: ${file}: its audio ${manifest.audio.file} is missing; left out of the feed until rebuilt.`,
      );
      continue;
    }
    // Shorter than the build wrote it is a file cut short (a full disk, an interrupted copy): a
    // listener would get a broken episode. Longer may be tags another program added: kept.
    if (bytes < manifest.audio.bytes) {
      log(
        `warning: ${file}: its audio ${manifest.audio.file} is ${bytes} bytes, shorter than the ${manifest.audio.bytes} it was published with; left out of the feed until rebuilt.`,
      );
      continue;
    }
    manifests.push({ ...manifest, audio: { ...manifest.audio, bytes } });
  }
  return manifests;
}
