/**
 * Published files are replaced atomically: a reader (a podcast app polling feed.xml, a player
 * fetching a transcript) sees either the old file or the new one, never half of one.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Write `data` to `path` through a temporary file in the same folder (so the rename never
 * crosses file systems), then rename it over `path`. The temporary name is a dotfile, which
 * `serve` never hands out. Creates the folder if needed; on failure the temporary file is removed
 * and `path` is left as it was.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await replaceAtomic(path, (temp) => writeFile(temp, data));
}

/**
 * A fresh temporary name beside `path`: a dotfile (never served), unique to this process and
 * call, ending in .tmp (so leftovers of a killed run are recognised and removed).
 */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/** The same, for a writer that makes the file itself (a program, a worker thread): `make(temp)`. */
export async function replaceAtomic<T>(path: string, make: (temp: string) => Promise<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    const result = await make(temp);
    await rename(temp, path);
    return result;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
