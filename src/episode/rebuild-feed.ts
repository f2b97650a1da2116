import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { EPISODES_DIR } from "../output/layout.js";
import { withOutputLock } from "../output/lock.js";
import { loadPodcastConfig, type PodcastConfig } from "../publish/config.js";
import { type RebuiltFeed, writeFeed } from "../publish/publish.js";

export interface RebuildFeedOptions {
  /** The output folder. default: "output" */
  output?: string;
  /** The podcast config: a presscast.yaml path, or the config itself. default: ./presscast.yaml if present */
  config?: string | PodcastConfig;
  /** The feed's lines and warnings, one each. default: nowhere */
  log?: (line: string) => void;
  /** The feed's build date. default: now */
  now?: Date;
}

/**
 * Rewrite feed.xml, index.html and the episode pages from every episode in the output folder,
 * under the folder's lock. A folder with no episodes folder is refused: a mistyped path must not
 * become a new, empty podcast beside the real one.
 */
export async function rebuildFeed(options: RebuildFeedOptions = {}): Promise<RebuiltFeed> {
  const output = options.output ?? "output";
  const config =
    typeof options.config === "object" ? options.config : await loadPodcastConfig(options.config);
  if (!existsSync(join(output, EPISODES_DIR))) {
    throw new InputError(
      `${output} holds no episodes folder, so it is not a presscast output folder; check the output folder's path (a build makes it).`,
    );
  }
  const log = options.log ?? (() => {});
  return withOutputLock(output, () => writeFeed(output, config, { now: options.now ?? new Date(), log }));
}
