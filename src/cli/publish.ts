import type { Command } from "commander";
import { InputError } from "../errors.js";
import { withOutputLock } from "../output/lock.js";
import { loadPodcastConfig } from "../publish/config.js";
import { rebuildFeed } from "../publish/publish.js";
import { serve } from "../serve/serve.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

/** `presscast feed` and `presscast serve`: the published side of the output folder. */
export function registerPublish(program: Command): void {
  program
    .command("feed")
    .description("rebuild feed.xml and the player from the episodes in the output folder")
    .option("-o, --output <dir>", "output folder", "output")
    .option("--config <file>", "podcast config (YAML); default: presscast.yaml if present")
    .option("--json", "print one JSON document")
    .action(async (flags: { output: string; config?: string; json?: boolean }) => {
      const config = await loadPodcastConfig(flags.config);
      const result = await withOutputLock(flags.output, () =>
        rebuildFeed(flags.output, config, { now: new Date(), log }),
      );
      if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });

  program
    .command("serve")
    .description("serve the output folder over HTTP: feed, audio with byte ranges, player")
    .option("-o, --output <dir>", "output folder", "output")
    .option("--port <port>", "TCP port (0 picks a free one)", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--config <file>", "podcast config (YAML); default: presscast.yaml if present")
    .action(async (flags: { output: string; port: string; host: string; config?: string }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new InputError(`--port must be a number from 0 to 65535, not "${flags.port}".`);
      }
      const config = await loadPodcastConfig(flags.config);
      const server = await serve(flags.output, { port, host: flags.host, config, log });
      await new Promise<void>((resolve) => {
        const stop = () => {
          server.close().then(resolve, resolve);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
