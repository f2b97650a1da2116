/**
 * `presscast remove <episode>`: an episode's audio, manifest, script, transcripts and chapters
 * are deleted; the caller then rebuilds the feed and the page without it. The manifest goes
 * first, so an interrupted removal leaves an episode that is simply no longer published.
 */
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputError } from "../errors.js";
import { audioName, EPISODES_DIR, episodeFileNames } from "../output/layout.js";
import { manifestNames, readManifestData } from "../output/manifest.js";

export interface RemovedEpisode {
  slug: string;
  /** The file names deleted, under the episodes folder. */
  files: string[];
}

/**
 * Remove the episode named by `which`: its slug, or its audio or manifest file (a path or a
 * name). Throws InputError naming the known slugs when no episode has that name.
 */
export async function removeEpisode(outputDir: string, which: string): Promise<RemovedEpisode> {
  const dir = join(outputDir, EPISODES_DIR);
  const slug = basename(which).replace(/\.(mp3|m4a|json)$/i, "");
  const names = episodeFileNames(slug);
  if (!existsSync(join(dir, names.manifest))) {
    const known = (await manifestNames(dir).catch(() => [])).map((n) => n.slice(0, -".json".length));
    throw new InputError(
      `No episode "${slug}" in ${dir}; the episodes there are ${known.length ? known.join(", ") : "none"}.`,
    );
  }
  // A damaged manifest still names its audio, or the audio has one of the formats' names.
  const file = (await readManifestData(join(dir, names.manifest)))?.audio?.file;
  const audio =
    typeof file === "string" ? [basename(file)] : [audioName(slug, "mp3"), audioName(slug, "m4a")];
  const files = [
    names.manifest,
    ...audio,
    names.script,
    names.vtt,
    names.srt,
    names.transcript,
    names.chapters,
    names.page,
    names.image,
  ];
  const present = new Set(await readdir(dir));
  const removed: string[] = [];
  for (const file of files) {
    if (!present.has(file)) continue;
    await rm(join(dir, file), { force: true });
    removed.push(file);
  }
  return { slug, files: removed };
}
