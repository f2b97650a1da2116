/**
 * `presscast jobs`: what the queue holds (waiting, active, done, failed with the sentence that
 * failed it), and `--retry <id>` for a failed job.
 */
import { type Job, Queue } from "bullmq";
import { InputError } from "../errors.js";
import { closeClient, QUEUE_NAME, type RedisAddress, ready, redisClient, scrub } from "./connection.js";

export type JobState = "waiting" | "active" | "done" | "failed";

export interface JobLine {
  id: string;
  /** "episode", or "speak" for a share of a long article. */
  kind: string;
  state: JobState;
  /** The articles' names or URLs; a speak job's episode job. */
  inputs: string[];
  /** Tries made so far. */
  attempts: number;
  error?: string;
  /** When it finished or failed, ISO 8601. */
  finished?: string;
}

/** BullMQ's states, grouped as a user thinks of them. */
const STATES: Record<
  JobState,
  Array<"wait" | "prioritized" | "delayed" | "waiting-children" | "active" | "completed" | "failed">
> = {
  waiting: ["wait", "prioritized", "delayed", "waiting-children"],
  active: ["active"],
  done: ["completed"],
  failed: ["failed"],
};

/** Most jobs listed per state, newest first. */
const MAX_PER_STATE = 200;

/** The queue's jobs, newest first in each state. */
export async function listJobs(address: RedisAddress): Promise<JobLine[]> {
  return withQueue(address, async (queue) => {
    const lines: JobLine[] = [];
    for (const [state, types] of Object.entries(STATES) as Array<[JobState, (typeof STATES)[JobState]]>) {
      const jobs = await queue.getJobs(types, 0, MAX_PER_STATE - 1, false);
      for (const job of jobs) if (job) lines.push(lineOf(job as Job, state, address));
    }
    return lines;
  });
}

/** Puts failed job `id` back on the queue for another round of tries. */
export async function retryJob(address: RedisAddress, id: string): Promise<JobLine> {
  return withQueue(address, async (queue) => {
    const job = (await queue.getJob(id)) as Job | undefined;
    if (!job) throw new InputError(`There is no job ${id} on the queue (see presscast jobs).`);
    const state = await job.getState();
    if (state !== "failed")
      throw new InputError(
        `Job ${id} has not failed (it is ${state === "completed" ? "done" : state}); only a failed job is retried.`,
      );
    await job.retry("failed", { resetAttemptsMade: true });
    return lineOf(job, "waiting", address);
  });
}

async function withQueue<T>(address: RedisAddress, work: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = redisClient(address);
  try {
    await ready(connection, address);
    const queue = new Queue(QUEUE_NAME, { connection });
    try {
      return await work(queue);
    } finally {
      await queue.close();
    }
  } finally {
    await closeClient(connection);
  }
}

function lineOf(job: Job, state: JobState, address: RedisAddress): JobLine {
  const data = (job.data ?? {}) as { inputs?: unknown; episode?: unknown; edition?: unknown };
  const inputs = Array.isArray(data.inputs)
    ? data.inputs.map((input: { url?: unknown; name?: unknown }) => String(input?.url ?? input?.name ?? "?"))
    : typeof data.episode === "string"
      ? [`part of job ${data.episode}`]
      : [];
  if (typeof data.edition === "string") inputs.unshift(`edition "${data.edition}":`);
  const finishedOn = job.finishedOn;
  return {
    id: job.id ?? "?",
    kind: job.name,
    state,
    inputs,
    attempts: job.attemptsMade,
    ...(state === "failed" && job.failedReason ? { error: scrub(job.failedReason, address) } : {}),
    ...(finishedOn && state !== "waiting" && state !== "active"
      ? { finished: new Date(finishedOn).toISOString() }
      : {}),
  };
}
