/**
 * Work in progress a killed build left in the episodes folder: staged audio and `.part` files
 * (named in layout.ts). Nothing else removes them, so every build sweeps.
 */
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { isLeftover } from "./layout.js";

/** Work in progress older than this was left by a killed build, whichever episode it was for. */
const LEFTOVER_HOURS = 6;

/**
 * Removes the leftovers of the episode with this GUID (its build is starting again), and any
 * too old to belong to a build still running.
 */
export async function removeLeftovers(episodesDir: string, guid: string): Promise<void> {
  const names = (await readdir(episodesDir).catch(() => [] as string[])).filter((name) => isLeftover(name));
  const old = Date.now() - LEFTOVER_HOURS * 3_600_000;
  for (const name of names) {
    const file = join(episodesDir, name);
    const mtime = (await stat(file).catch(() => undefined))?.mtimeMs ?? old;
    if (isLeftover(name, guid) || mtime < old) await rm(file, { force: true });
  }
}
