/**
 * What a job carries. A worker may run on another machine, so a job never holds a local path it
 * would have to open: an article travels as its bytes with the name it had where it was queued
 * (its path from the working folder there, which is also its identity, so its GUID is the same
 * whichever worker builds it), and a web page as its URL, fetched by the worker.
 */
import { relative, resolve, sep } from "node:path";
import { InputError } from "../errors.js";
import { MAX_BYTES, readArticle } from "../ingest/ingest.js";
import type { Utterance } from "../types.js";
import { isWebUrl } from "../web/url.js";

/** One article of a job: a file's bytes (base64) and name, or a page's URL. */
export type JobInput = { name: string; base64: string } | { url: string };

/** An `episode` job: one episode from one article, or an edition of several. */
export interface EpisodeJob {
  inputs: JobInput[];
  /** The edition's name: all the inputs as one episode, one chapter per article. */
  edition?: string;
  /** BCP 47; default: declared, else detected, else the worker's voice profile's. */
  language?: string;
}

/** A `speak` job: a block of one long article's utterances to put into the shared cache. */
export interface SpeakJob {
  episode: string;
  utterances: Utterance[];
}

/**
 * Every job's tries and the pause before the next (10 s, then 20 s); the last 1,000 done jobs are
 * kept to look at, and a failed one stays with its error until it is retried or removed.
 */
export const JOB_DEFAULTS = {
  attempts: 3,
  backoff: { type: "exponential", delay: 10_000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: false,
} as const;

/** Most bytes of articles one job carries (an edition's together), as for one article. */
export const MAX_JOB_BYTES = MAX_BYTES;

/**
 * The command line's articles and URLs → a job's inputs: files read here (regular files of at
 * most 10 MB, the same limits as `build`), named by their path from the working folder.
 */
export async function jobInputs(args: string[]): Promise<JobInput[]> {
  const inputs: JobInput[] = [];
  let total = 0;
  for (const arg of args) {
    if (isWebUrl(arg)) {
      inputs.push({ url: arg });
      continue;
    }
    const bytes = await readArticle(arg);
    total += bytes.length;
    if (total > MAX_JOB_BYTES)
      throw new InputError(
        `${arg} brings the job's articles past ${MAX_JOB_BYTES / 1048576} MB; queue fewer articles in one edition.`,
      );
    inputs.push({ name: identityName(arg), base64: Buffer.from(bytes).toString("base64") });
  }
  return inputs;
}

/** A file's path from the working folder, with "/" between folders whatever the system. */
export function identityName(file: string): string {
  return relative(process.cwd(), resolve(file)).split(sep).join("/");
}

/**
 * A job's data as a worker receives it, checked: a queue may hold jobs from another version or
 * another program, and those must fail with a sentence, not a stack.
 */
export function checkEpisodeJob(data: unknown, id: string): EpisodeJob {
  const bad = (why: string) => new InputError(`Job ${id} is not a presscast episode job: ${why}.`);
  if (!data || typeof data !== "object") throw bad("it holds no data");
  const { inputs, edition, language } = data as Record<string, unknown>;
  if (!Array.isArray(inputs) || inputs.length === 0) throw bad("it names no article");
  const checked = inputs.map((input, n): JobInput => {
    const { name, base64, url } = (input ?? {}) as Record<string, unknown>;
    if (typeof url === "string" && isWebUrl(url)) return { url };
    if (typeof name === "string" && name && typeof base64 === "string")
      return { name: safeName(name), base64 };
    throw bad(`article ${n + 1} is neither a file's bytes nor an http(s) URL`);
  });
  if (edition !== undefined && (typeof edition !== "string" || !edition.trim()))
    throw bad("its edition has no name");
  if (language !== undefined && typeof language !== "string") throw bad("its language is not a tag");
  return {
    inputs: checked,
    ...(typeof edition === "string" ? { edition } : {}),
    ...(typeof language === "string" ? { language } : {}),
  };
}

/**
 * A name from another machine is only a name: no leading "/" or drive, no NUL, and never used
 * to open a file here (its bytes came with it).
 */
function safeName(name: string): string {
  const clean = name
    .replace(/\0/g, "")
    .replace(/\\/g, "/")
    .replace(/^([a-z]:)?\/+/i, "");
  return clean || "article";
}
