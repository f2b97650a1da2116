import type { Command } from "commander";
import { InputError, WorkError } from "../errors.js";
import { say } from "./terminal.js";

// Each command's modules load when it runs, not for every command or --help.
const loadConfig = async (file: string | undefined, baseUrl: string | undefined) =>
  (await import("../publish/config.js")).loadPodcastConfig(
    file,
    undefined,
    baseUrl ?? process.env.PRESSCAST_BASE_URL,
  );

const log = say;

/** `presscast feed` and `presscast serve`: the published side of the output folder. */
export function registerPublish(program: Command): void {
  program
    .command("feed")
    .description("rebuild feed.xml and the player from the episodes in the output folder")
    .option("-o, --output <dir>", "output folder", "output")
    .option("--config <file>", "podcast config (YAML); default: presscast.yaml if present")
    .option(
      "--base-url <url>",
      "the public address of the output folder (default: PRESSCAST_BASE_URL, else the config's baseUrl)",
    )
    .option("--check", "then say, requirement by requirement, whether podcast directories accept the feed")
    .option("--json", "print one JSON document")
    .action(
      async (flags: {
        output: string;
        config?: string;
        baseUrl?: string;
        json?: boolean;
        check?: boolean;
      }) => {
        const config = await loadConfig(flags.config, flags.baseUrl);
        const { rebuildFeed } = await import("../episode/rebuild-feed.js");
        const result = await rebuildFeed({ output: flags.output, config, log });
        if (!flags.check) {
          if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const { checkFeed, formatCheck } = await import("../publish/check.js");
        const requirements = await checkFeed(result.episodes, config, result.cover);
        if (flags.json) process.stdout.write(`${JSON.stringify({ ...result, requirements }, null, 2)}\n`);
        else process.stdout.write(`${formatCheck(requirements)}\n`);
        const missing = requirements.filter((r) => r.needed && !r.ok).map((r) => r.name);
        if (missing.length) {
          throw new WorkError(
            `${result.feed} is not ready for podcast directories: ${missing.join(", ")} missing.`,
          );
        }
      },
    );

  program
    .command("remove")
    .description("delete an episode's files and take it out of the feed and the player")
    .argument(
      "<episode>",
      "the episode's slug (its file name without extension), or its audio or manifest file",
    )
    .option("-o, --output <dir>", "output folder", "output")
    .option("--config <file>", "podcast config (YAML); default: presscast.yaml if present")
    .option(
      "--base-url <url>",
      "the public address of the output folder (default: PRESSCAST_BASE_URL, else the config's baseUrl)",
    )
    .action(async (episode: string, flags: { output: string; config?: string; baseUrl?: string }) => {
      const config = await loadConfig(flags.config, flags.baseUrl);
      const { withOutputLock } = await import("../output/lock.js");
      const { removeEpisode } = await import("../publish/remove.js");
      const { writeFeed } = await import("../publish/publish.js");
      await withOutputLock(flags.output, async () => {
        const removed = await removeEpisode(flags.output, episode);
        log(`removed ${removed.slug}: ${removed.files.join(", ")}`);
        await writeFeed(flags.output, config, { now: new Date(), log });
      });
    });

  program
    .command("serve")
    .description("serve the output folder over HTTP: feed, audio with byte ranges, player")
    .option("-o, --output <dir>", "output folder", "output")
    .option("--port <port>", "TCP port (0 picks a free one)", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--config <file>", "podcast config (YAML); default: presscast.yaml if present")
    .option(
      "--base-url <url>",
      "the public address of the output folder (default: PRESSCAST_BASE_URL, else the config's baseUrl)",
    )
    .action(
      async (flags: { output: string; port: string; host: string; config?: string; baseUrl?: string }) => {
        const port = Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new InputError(`--port must be a number from 0 to 65535, not "${flags.port}".`);
        }
        const config = await loadConfig(flags.config, flags.baseUrl);
        // The HTTP server's modules load only for `serve`, not at every build's start-up.
        const { serve } = await import("../serve/serve.js");
        const server = await serve(flags.output, { port, host: flags.host, config, log });
        await new Promise<void>((resolve) => {
          const stop = () => {
            server.close().then(resolve, resolve);
          };
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
      },
    );
}
