import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { InputError, WorkError } from "../errors.js";
// The Redis client and BullMQ (about 0.3 s of start-up) are imported by the queue commands
// themselves, not by every presscast command.
import type { Outcome } from "../queue/enqueue.js";
import type { JobLine } from "../queue/jobs.js";
import type { EpisodeJob } from "../queue/payload.js";
import { DEFAULT_CHUNK_CHARS } from "../queue/split.js";
import { DEFAULT_CACHE_BYTES } from "../synthesize/cache-prune.js";
import { languageFlag } from "./language-flag.js";
import { say } from "./terminal.js";

const REDIS_HELP = "Redis address, redis://[:password@]host[:port][/db] (default: PRESSCAST_REDIS_URL)";
const log = say;

/** `enqueue`, `worker` and `jobs`: building on many machines through a queue on Redis. */
export function registerQueue(program: Command): void {
  program
    .command("enqueue")
    .description("put build jobs on the queue: one episode per article, or one --edition of them all")
    .argument("<inputs...>", "articles (.txt, .md, .html), scripts, or http(s) page URLs")
    .option("--redis <url>", REDIS_HELP)
    .option("--edition <name>", "make one episode of all the articles, one chapter each")
    .option("--language <bcp47>", "the articles' language (default: declared, else detected)")
    .option("--wait", "wait until every job is built or has failed, and print the episodes")
    .option("--max-wait <minutes>", "with --wait: give up waiting after this long (default: 60)")
    .option("--json", "print one JSON document")
    .action(async (inputs: string[], flags: EnqueueFlags) => runEnqueue(inputs, flags));

  program
    .command("worker")
    .description("take jobs from the queue and build them into the output folder, until stopped")
    .option("--redis <url>", REDIS_HELP)
    .option("-o, --output <dir>", "output folder, shared by every worker", "output")
    .option(
      "--cache-dir <dir>",
      "synthesis cache folder, shared by every worker (default: the OS cache folder)",
    )
    .option("--cache-size <MB>", "largest the cache may grow (default: 2048)")
    .option("--concurrency <n>", "jobs at once, each on one core (default: the number of cores)")
    .option(
      "--chunk <chars>",
      `a long article is spoken in jobs of about this many characters (default: ${DEFAULT_CHUNK_CHARS})`,
    )
    .option("--voices <file>", "voice profile (YAML); default: voices/default.yaml")
    .option("--config <file>", "podcast config (YAML); default: presscast.yaml if present")
    .option("--format <format>", "mp3 or m4a", "mp3")
    .option("--bitrate <kbps>", "MP3/AAC bit rate in kbps (default: 96)")
    .option(
      "--ffmpeg <path>",
      "the ffmpeg binary (default: FFMPEG_PATH, else the bundled one or a newer one on PATH)",
    )
    .option("--verbose", "log every build step and ffmpeg command on stderr")
    .action(async (flags: WorkerFlags) => runWorkerCommand(flags));

  program
    .command("jobs")
    .description("list the queue's jobs: waiting, active, done, and failed with the reason")
    .option("--redis <url>", REDIS_HELP)
    .option("--retry <id>", "put a failed job back on the queue")
    .option("--json", "print one JSON document")
    .action(async (flags: { redis?: string; retry?: string; json?: boolean }) => {
      const { redisAddress } = await import("../queue/connection.js");
      const { listJobs, retryJob } = await import("../queue/jobs.js");
      const address = redisAddress(flags.redis);
      if (flags.retry !== undefined) {
        const line = await retryJob(address, flags.retry);
        if (flags.json) process.stdout.write(`${JSON.stringify({ retried: line }, null, 2)}\n`);
        else log(`job ${line.id} is waiting again (${line.inputs.join(" ")})`);
        return;
      }
      const lines = await listJobs(address);
      if (flags.json) process.stdout.write(`${JSON.stringify({ jobs: lines }, null, 2)}\n`);
      else
        process.stdout.write(lines.length ? `${lines.map(showLine).join("\n")}\n` : "The queue is empty.\n");
    });
}

interface EnqueueFlags {
  redis?: string;
  edition?: string;
  language?: string;
  wait?: boolean;
  maxWait?: string;
  json?: boolean;
}

async function runEnqueue(args: string[], flags: EnqueueFlags): Promise<void> {
  const { redisAddress } = await import("../queue/connection.js");
  const { enqueue } = await import("../queue/enqueue.js");
  const address = redisAddress(flags.redis);
  const language = languageFlag(flags.language);
  if (flags.maxWait !== undefined && !flags.wait) throw new InputError("--max-wait goes with --wait.");
  const waitMinutes = flags.maxWait === undefined ? 60 : whole("--max-wait", flags.maxWait, 1, 10_080);
  if (flags.edition !== undefined && !flags.edition.trim()) throw new InputError("--edition needs a name.");
  const { jobInputs } = await import("../queue/payload.js");
  const inputs = await jobInputs(args);
  const extra = language ? { language } : {};
  const jobs: EpisodeJob[] = flags.edition
    ? [{ inputs, edition: flags.edition, ...extra }]
    : inputs.map((input) => ({ inputs: [input], ...extra }));
  const outcomes: Outcome[] = await enqueue(address, jobs, {
    ...(flags.wait ? { waitMs: waitMinutes * 60_000 } : {}),
    onQueued: (job) => {
      if (!flags.json) process.stdout.write(`${job.id}\t${job.inputs.join(", ")}\n`);
    },
  });
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  if (flags.json) {
    const out = flags.wait
      ? {
          episodes: outcomes.flatMap((o) => (o.episode ? [{ job: o.id, ...(o.episode as object) }] : [])),
          failed: failed.map(({ id, inputs: names, error }) => ({ job: id, inputs: names, error })),
        }
      : { jobs: outcomes.map(({ id, inputs: names }) => ({ id, inputs: names })) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else if (flags.wait) {
    for (const o of outcomes) {
      const episode = o.episode as { audio?: string; durationSeconds?: number } | undefined;
      log(
        o.error
          ? `job ${o.id}: failed: ${o.error}`
          : `job ${o.id}: ${episode?.audio} (${Math.round(episode?.durationSeconds ?? 0)} s)`,
      );
    }
  }
  if (failed.length)
    throw new WorkError(
      `${failed.length} of ${outcomes.length} job(s) failed (job ${failed[0]?.id}: ${failed[0]?.error}).`,
    );
}

interface WorkerFlags {
  redis?: string;
  output: string;
  cacheDir?: string;
  cacheSize?: string;
  concurrency?: string;
  chunk?: string;
  voices?: string;
  config?: string;
  format: string;
  bitrate?: string;
  ffmpeg?: string;
  verbose?: boolean;
}

async function runWorkerCommand(flags: WorkerFlags): Promise<void> {
  const { redisAddress } = await import("../queue/connection.js");
  const { runWorker } = await import("../queue/worker.js");
  const { defaultCacheDir } = await import("../synthesize/synthesize.js");
  const address = redisAddress(flags.redis);
  const format = flags.format;
  if (format !== "mp3" && format !== "m4a")
    throw new InputError(`--format must be mp3 or m4a, not "${format}".`);
  const stop = new AbortController();
  let signals = 0;
  const onSignal = () => {
    // A second Ctrl-C does not wait for the jobs to be handed back; their locks expire instead.
    if (++signals > 1) process.exit(130);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await runWorker(
      {
        address,
        settings: {
          output: flags.output,
          cacheDir: flags.cacheDir ?? defaultCacheDir(),
          format,
          ...(flags.bitrate ? { bitrate: whole("--bitrate", flags.bitrate, 32, 320) } : {}),
          ...(flags.voices ? { voices: flags.voices } : {}),
          ...(flags.config ? { config: flags.config } : {}),
          ...(flags.ffmpeg ? { ffmpeg: flags.ffmpeg } : {}),
          // A worker runs for weeks: each line says when, for its log and for measuring.
          log: (line) => log(`${new Date().toISOString()} ${line}`),
          verbose: flags.verbose === true,
        },
        concurrency:
          flags.concurrency === undefined
            ? availableParallelism()
            : whole("--concurrency", flags.concurrency, 1, 64),
        chunkChars:
          flags.chunk === undefined ? DEFAULT_CHUNK_CHARS : whole("--chunk", flags.chunk, 200, 1_000_000),
        cacheBytes:
          flags.cacheSize === undefined
            ? DEFAULT_CACHE_BYTES
            : whole("--cache-size", flags.cacheSize, 10, 10_000_000) * 1024 * 1024,
      },
      stop.signal,
    );
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

function showLine(line: JobLine): string {
  const tries = line.attempts > 1 ? ` (${line.attempts} tries)` : "";
  const why = line.error ? `: ${line.error}` : "";
  return `${line.id}\t${line.state}\t${line.kind}\t${line.inputs.join(" ")}${tries}${why}`;
}

function whole(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new InputError(
      `${flag} must be a whole number from ${min} to ${max}, not "${value.slice(0, 40)}".`,
    );
  return n;
}
