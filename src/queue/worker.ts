/**
 * `presscast worker`: takes jobs from the queue and builds them into the shared output folder.
 * An `episode` job builds one episode; when its article is long, it first puts `speak` jobs on
 * the queue (a BullMQ flow: they are its children) and waits, taking no slot, until every
 * worker's share is in the shared cache; then it builds as `build` does.
 *
 * Every step is safe to run twice (at-least-once delivery): the episode's slug and GUID come
 * from its identity, a build whose inputs are unchanged does nothing, children have fixed ids.
 */
import { type Job, Queue, UnrecoverableError, WaitingChildrenError, WaitingError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { InputError } from "../errors.js";
import { pruneCache } from "../synthesize/cache-prune.js";
import { closeEngines, loadEngine } from "../synthesize/registry.js";
import { synthesize } from "../synthesize/synthesize.js";
import {
  buildAndPublish,
  episodeSummary,
  openShow,
  type Show,
  utterancesOf,
  type WorkerSettings,
} from "./build-job.js";
import { closeClient, QUEUE_NAME, type RedisAddress, ready, redisClient, scrub } from "./connection.js";
import { checkEpisodeJob, JOB_DEFAULTS, type SpeakJob } from "./payload.js";
import { jobScript } from "./read-job.js";
import { speakBlocks } from "./split.js";

export interface WorkerOptions {
  address: RedisAddress;
  settings: WorkerSettings;
  /** Jobs at once, each speaking one sentence at a time: the cores this worker uses. */
  concurrency: number;
  /** Spoken characters per `speak` job of a long article. */
  chunkChars: number;
  /** Largest the shared cache may grow, bytes. */
  cacheBytes: number;
}

/** A worker's job lock: renewed every half of this; a worker silent for this long has stalled. */
const LOCK_MS = 20_000;
/** How often a worker looks for jobs whose worker stalled (was killed, lost its network). */
const STALLED_CHECK_MS = 10_000;

/**
 * Runs until `stop` is aborted; then takes no new job, returns each running job to the queue
 * (its finished sentences stay in the cache) and resolves once every lock is released.
 */
export async function runWorker(options: WorkerOptions, stop: AbortSignal): Promise<void> {
  const { address, settings } = options;
  const log = settings.log;
  const connection = redisClient(address);
  const clients: Redis[] = [connection];
  try {
    await ready(connection, address);
    const show = await openShow(settings);
    const queue = new Queue(QUEUE_NAME, { connection });
    const workerConnection = redisClient(address);
    clients.push(workerConnection);
    const running = new Set<AbortController>();
    const worker = new Worker(
      QUEUE_NAME,
      async (job, token) => {
        const own = new AbortController();
        running.add(own);
        // A job fetched while the worker was stopping goes straight back.
        if (stop.aborted) own.abort();
        try {
          return await processJob(job, token ?? "", { show, queue, options, signal: own.signal });
        } catch (error) {
          if (error instanceof WaitingChildrenError) throw error;
          if (own.signal.aborted && token) {
            // Returned, not failed: another worker (or this one, restarted) takes it up at once.
            await job.moveToWait(token);
            log(`job ${job.id}: returned to the queue`);
            throw new WaitingError();
          }
          const message = scrub(error instanceof Error ? error.message : String(error), address);
          log(`job ${job.id}: failed: ${message}`);
          // Bad input fails at once; anything else is tried again after a pause.
          if (error instanceof InputError || error instanceof UnrecoverableError)
            throw new UnrecoverableError(message);
          throw new Error(message);
        } finally {
          running.delete(own);
        }
      },
      {
        connection: workerConnection,
        concurrency: options.concurrency,
        lockDuration: LOCK_MS,
        stalledInterval: STALLED_CHECK_MS,
        maxStalledCount: 2,
        autorun: false,
      },
    );
    worker.on("error", (error) => log(`worker: ${scrub(error.message, address)}`));
    const closed = new Promise<void>((resolve, reject) => {
      const onStop = () => {
        log("worker: stopping; running jobs go back to the queue");
        // Closing first: the slot a returned job frees is not filled again.
        const closing = worker.close();
        for (const job of running) job.abort();
        closing.then(resolve, reject);
      };
      if (stop.aborted) onStop();
      else stop.addEventListener("abort", onStop, { once: true });
    });
    log(`worker: waiting for jobs on ${address.shown} (${options.concurrency} at once)`);
    const done = worker.run();
    await closed;
    await done.catch(() => {});
    await queue.close();
  } finally {
    await Promise.allSettled(clients.map(closeClient));
    await closeEngines();
    await pruneCache(settings.cacheDir, options.cacheBytes).catch(() => {});
  }
}

interface JobContext {
  show: Show;
  queue: Queue;
  options: WorkerOptions;
  signal: AbortSignal;
}

async function processJob(job: Job, token: string, ctx: JobContext): Promise<unknown> {
  const { show, options } = ctx;
  const log = show.settings.log;
  const id = job.id ?? "?";
  if (job.name === "speak") {
    const { utterances } = job.data as SpeakJob;
    if (!Array.isArray(utterances)) throw new InputError(`Job ${id} is not a presscast speak job.`);
    const clips = await synthesize(utterances, {
      loadEngine,
      cacheDir: show.settings.cacheDir,
      concurrency: 1,
      signal: ctx.signal,
    });
    const spoken = clips.filter((clip) => !clip.cached).length;
    log(`job ${id}: spoke ${spoken} sentences (${clips.length - spoken} were in the cache)`);
    return { spoken };
  }
  if (job.name !== "episode")
    throw new InputError(`Job ${id} is a "${job.name}" job, which presscast does not make.`);

  const data = checkEpisodeJob(job.data, id);
  const names = data.inputs.map((input) => ("url" in input ? input.url : input.name));
  log(`job ${id}: started ${data.edition ? `edition "${data.edition}": ` : ""}${names.join(", ")}`);
  const script = await jobScript(data, show.voices.profile.language);
  const blocks = speakBlocks(utterancesOf(script, show), show.settings.cacheDir, options.chunkChars);
  if (blocks.length > 1) {
    const parent = { id, queue: job.queueQualifiedName };
    // Fixed ids: a second run of this step (a retry, a killed worker) adds no second copy.
    await ctx.queue.addBulk(
      blocks.map((utterances, n) => ({
        name: "speak",
        data: { episode: id, utterances } satisfies SpeakJob,
        opts: {
          ...JOB_DEFAULTS,
          jobId: `${id}-speak-${n + 1}-of-${blocks.length}`,
          parent,
          failParentOnFailure: true,
          // A started article is finished before new ones begin.
          lifo: true,
          removeOnComplete: { age: 86_400 },
        },
      })),
    );
    if (await job.moveToWaitingChildren(token)) {
      log(`job ${id}: ${blocks.length} speak jobs queued; the episode is built when they are done`);
      throw new WaitingChildrenError();
    }
  }
  const built = await buildAndPublish(script, show, { signal: ctx.signal, concurrency: 1 });
  // The cache stays within its limit while the worker runs for weeks.
  await pruneCache(show.settings.cacheDir, options.cacheBytes).catch(() => {});
  log(
    `job ${id}: ${built.unchanged ? "unchanged" : "published"} ${built.audio} (${Math.round(built.durationSeconds)} s, ${built.chapters.length} chapters)`,
  );
  return episodeSummary(built);
}
