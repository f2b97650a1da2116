import { constants } from "node:fs";
import { access, mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { InputError, WorkError } from "../errors.js";
import { reasonOf } from "../input-file.js";
import { LOCK_FILE } from "./layout.js";

/**
 * Runs `work` while holding the output folder's lock, so two builds into one folder take turns
 * at the steps that read every manifest and rewrite the feed; neither loses the other's episode.
 * A lock left by a killed build goes stale after 30 s and is taken over.
 */
export async function withOutputLock<T>(outputDir: string, work: () => Promise<T>): Promise<T> {
  await writableFolder(outputDir);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(outputDir, {
      lockfilePath: join(outputDir, LOCK_FILE),
      stale: 30_000,
      retries: { retries: 120, factor: 1.2, minTimeout: 100, maxTimeout: 2_000 },
    });
  } catch (error) {
    // Only a lock held by another build is worth the wait; anything else is said as it is.
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED")
      throw new WorkError(`Cannot lock the output folder ${outputDir} (${reasonOf(error)}).`);
    throw new WorkError(
      `Another presscast build holds ${join(outputDir, LOCK_FILE)} and did not finish in time (${(error as Error).message}).`,
    );
  }
  try {
    return await work();
  } finally {
    await release().catch(() => {});
  }
}

/**
 * The output folder exists (made if needed), is a folder, and this user may write in it: checked
 * at once, so a forbidden folder is reported as such, not after minutes of work or lock retries.
 */
export async function writableFolder(outputDir: string): Promise<void> {
  try {
    await mkdir(outputDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "EEXIST" || code === "ENOTDIR" ? "a file is in the way" : reasonOf(error);
    throw new InputError(`The output folder ${outputDir} cannot be made (${why}); choose another with -o.`);
  }
  if (!(await stat(outputDir)).isDirectory())
    throw new InputError(`The output folder ${outputDir} is a file, not a folder; choose another with -o.`);
  try {
    await access(outputDir, constants.W_OK | constants.X_OK);
  } catch {
    throw new InputError(
      `The output folder ${outputDir} is not writable (permission denied); choose another with -o.`,
    );
  }
}
