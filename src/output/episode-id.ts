import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { v5 as uuidv5 } from "uuid";
import { readLimited } from "../input-file.js";
import { asciiSlug } from "../text/slug.js";

/** UUID namespace for episode GUIDs (a v5 of the project's name in the URL namespace). */
const EPISODE_NAMESPACE = uuidv5("https://presscast.invalid/episode", uuidv5.URL);

/** An episode's file name: its title as an ASCII slug (slug.ts), "episode" when nothing survives. */
export const slugify = (title: string): string => asciiSlug(title, 60) || "episode";

/**
 * An episode's GUID, stable across rebuilds: derived from where the article came from (its URL,
 * else its file path) and never from the audio bytes.
 */
export function episodeGuid(source: string): string {
  return uuidv5(source, EPISODE_NAMESPACE);
}

/**
 * The slug for an episode in `episodesDir`: its own slug if that is free or already holds this
 * episode (same GUID), else the slug with "-2", "-3", … — two articles with one title stay apart.
 */
export async function uniqueSlug(episodesDir: string, base: string, guid: string): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const owner = await readGuid(join(episodesDir, `${slug}.json`));
    const reserved = await readReservation(episodesDir, slug);
    if ((owner === undefined || owner === guid) && (reserved === undefined || reserved === guid)) return slug;
  }
}

/** Path of the file that holds a slug for a build in progress (see `uniqueSlug`). */
export function reservationPath(episodesDir: string, slug: string): string {
  return join(episodesDir, `.${slug}.reserved`);
}

/** A reservation older than this was left by a killed build and no longer holds its slug. */
const RESERVATION_HOURS = 6;

async function readReservation(episodesDir: string, slug: string): Promise<string | undefined> {
  const file = reservationPath(episodesDir, slug);
  try {
    if (Date.now() - (await stat(file)).mtimeMs > RESERVATION_HOURS * 3_600_000) return undefined;
    return (await readFile(file, "utf8")).trim();
  } catch {
    return undefined;
  }
}

/**
 * The GUID a manifest holds: undefined when there is no manifest, "" when it holds none. A
 * damaged manifest (cut short, a field broken) still names its GUID near its top; recovering it
 * lets a rebuild of that episode take its own slug back instead of orphaning its files under "-2".
 */
async function readGuid(manifest: string): Promise<string | undefined> {
  let text: string;
  try {
    text = (await readLimited(manifest, { what: manifest, maxBytes: 64 * 1024 * 1024 })).toString("utf8");
  } catch {
    return existsSync(manifest) ? "" : undefined;
  }
  try {
    const data = JSON.parse(text) as { guid?: unknown };
    return typeof data?.guid === "string" ? data.guid : "";
  } catch {
    return /"guid"\s*:\s*"([0-9a-f-]{36})"/i.exec(text)?.[1] ?? "";
  }
}
