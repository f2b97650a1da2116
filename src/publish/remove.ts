/**
 * `presscast remove <episode>`: an episode's audio, manifest, script, transcripts and chapters
 * are deleted; the caller then rebuilds the feed and the page without it. The manifest goes
 * first, so an interrupted removal leaves an episode that is simply no longer published.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputError } from "../errors.js";
import { EPISODES_DIR, episodeFileNames } from "../output/layout.js";

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
  let audio: string | undefined;
  try {
    const manifest = JSON.parse(await readFile(join(dir, names.manifest), "utf8")) as {
      audio?: { file?: unknown };
    };
    audio = typeof manifest.audio?.file === "string" ? basename(manifest.audio.file) : undefined;
  } catch {
    const known = (await readdir(dir).catch(() => [] as string[]))
      .filter((n) => /^[A-Za-z0-9_-]+\.json$/.test(n))
      .map((n) => n.slice(0, -5));
    throw new InputError(
      `No episode "${slug}" in ${dir}; the episodes there are ${known.length ? known.join(", ") : "none"}.`,
    );
  }
  const files = [
    names.manifest,
    audio ?? `${slug}.mp3`,
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
