import { mkdir } from "node:fs/promises";
import lockfile from "proper-lockfile";
import { WorkError } from "../errors.js";

/**
 * Runs `work` while holding the output folder's lock, so two builds into one folder take turns
 * at the steps that read every manifest and rewrite the feed; neither loses the other's episode.
 * A lock left by a killed build goes stale after 30 s and is taken over.
 */
export async function withOutputLock<T>(outputDir: string, work: () => Promise<T>): Promise<T> {
  await mkdir(outputDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(outputDir, {
      lockfilePath: `${outputDir}/.presscast.lock`,
      stale: 30_000,
      retries: { retries: 120, factor: 1.2, minTimeout: 100, maxTimeout: 2_000 },
    });
  } catch (error) {
    throw new WorkError(
      `Another presscast build holds ${outputDir}/.presscast.lock and did not finish in time (${(error as Error).message}).`,
    );
  }
  try {
    return await work();
  } finally {
    await release().catch(() => {});
  }
}
