import { join } from "node:path";
import { v5 as uuidv5 } from "uuid";
import { asciiSlug } from "../text/slug.js";
import { episodeFileNames } from "./layout.js";
import { readManifestGuid } from "./manifest.js";

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
 * Chosen under the output folder's lock, when the episode is published.
 */
export async function uniqueSlug(episodesDir: string, base: string, guid: string): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const owner = await readManifestGuid(join(episodesDir, episodeFileNames(slug).manifest));
    if (owner === undefined || owner === guid) return slug;
  }
}
