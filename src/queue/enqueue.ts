/**
 * `presscast enqueue`: puts episode jobs on the queue, and with `wait` follows them until each
 * is built or has failed its last try.
 */
import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { WorkError } from "../errors.js";
import { closeClient, QUEUE_NAME, type RedisAddress, ready, redisClient, scrub } from "./connection.js";
import { type EpisodeJob, JOB_DEFAULTS } from "./payload.js";

export interface Queued {
  id: string;
  /** The articles' names or URLs, for messages. */
  inputs: string[];
}

export interface Outcome extends Queued {
  /** The episode, as `build --json` describes it, when the job was built. */
  episode?: unknown;
  /** Why it failed its last try, when it did. */
  error?: string;
}

export interface EnqueueOptions {
  /** Follow the jobs until each is done or failed, at most this long (ms); default: do not wait. */
  waitMs?: number;
  /** Called with each job's id as soon as it is queued. */
  onQueued?: (job: Queued) => void;
}

/** Queues `jobs` (one episode each); with `waitMs`, resolves with how each ended. */
export async function enqueue(
  address: RedisAddress,
  jobs: EpisodeJob[],
  options: EnqueueOptions = {},
): Promise<Outcome[]> {
  const connection = redisClient(address);
  const clients: Redis[] = [connection];
  try {
    await ready(connection, address);
    const queue = new Queue(QUEUE_NAME, { connection });
    // Listening starts before the first job is added, so no job can finish unseen.
    let events: QueueEvents | undefined;
    if (options.waitMs !== undefined) {
      const listener = redisClient(address);
      clients.push(listener);
      events = new QueueEvents(QUEUE_NAME, { connection: listener });
      await events.waitUntilReady();
    }
    try {
      const added = [];
      for (const data of jobs) {
        const job = await queue.add("episode", data, JOB_DEFAULTS);
        const queued = { id: job.id ?? "?", inputs: labels(data) };
        options.onQueued?.(queued);
        added.push({ job, queued });
      }
      if (!events || options.waitMs === undefined) return added.map(({ queued }) => queued);
      const listening = events;
      const deadline = options.waitMs;
      return await Promise.all(
        added.map(async ({ job, queued }): Promise<Outcome> => {
          try {
            return { ...queued, episode: await job.waitUntilFinished(listening, deadline) };
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            if (/timed out/i.test(message))
              throw new WorkError(
                `Job ${queued.id} (${queued.inputs.join(", ")}) was not done after ${Math.round(deadline / 60_000)} minutes; it stays on the queue (see presscast jobs).`,
              );
            return { ...queued, error: scrub(message, address) };
          }
        }),
      );
    } finally {
      await events?.close();
      await queue.close();
    }
  } finally {
    await Promise.allSettled(clients.map(closeClient));
  }
}

/** A job's articles as names a user recognises (never their bytes). */
export function labels(data: EpisodeJob): string[] {
  return data.inputs.map((input) => ("url" in input ? input.url : input.name));
}
