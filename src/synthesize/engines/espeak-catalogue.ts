/**
 * eSpeak's list of voices and variants, kept in the cache folder. Listing them means starting an
 * engine process and its 24 MB of data (about 0.3 s of CPU and 70 MB), and every build checks
 * the voice profile against it, even one that speaks no eSpeak voice or has nothing to do. The
 * list depends only on the installed eSpeak data, so it is stored under a key made of the
 * package's version and its data file's size and time, and read back while that key holds.
 */
import { readFileSync, statSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../../atomic.js";

export interface Catalogue {
  voices: Array<{ identifier: string; name: string; languages: string[] }>;
  variants: string[];
}

/** What identifies the installed eSpeak data, from its package folder; undefined if unreadable. */
export function catalogueKey(packageMain: string): string | undefined {
  try {
    const folder = dirname(packageMain);
    const { version } = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
      version?: string;
    };
    const data = statSync(join(folder, "espeak-ng.data"));
    return `${version}/${data.size}/${Math.round(data.mtimeMs)}`;
  } catch {
    return undefined;
  }
}

function isCatalogue(value: unknown): value is Catalogue {
  const c = value as Catalogue;
  return (
    Array.isArray(c?.voices) &&
    Array.isArray(c.variants) &&
    c.variants.every((v) => typeof v === "string") &&
    c.voices.every(
      (v) =>
        typeof v?.identifier === "string" &&
        typeof v.name === "string" &&
        Array.isArray(v.languages) &&
        v.languages.every((l) => typeof l === "string"),
    )
  );
}

/** The stored list when it was made from this same data; else undefined (absent, stale, damaged). */
export async function readCatalogue(file: string, key: string): Promise<Catalogue | undefined> {
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as { key?: unknown; catalogue?: unknown };
    return stored.key === key && isCatalogue(stored.catalogue) ? stored.catalogue : undefined;
  } catch {
    return undefined;
  }
}

/** Stores the list; a cache that cannot be written only costs the next build the listing. */
export async function writeCatalogue(file: string, key: string, catalogue: Catalogue): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
    .then(() => writeFileAtomic(file, JSON.stringify({ key, catalogue })))
    .catch(() => {});
}
