/**
 * A job's articles → the Script of its episode, read exactly as `build` reads the same file or
 * URL: the bytes through ingest and segment (or back as a script, when they are one), a URL
 * fetched under the public-address policy, several articles joined as an edition.
 */
import { editionScript } from "../episode/edition.js";
import { readScript } from "../episode/read-script.js";
import { checkDistinct } from "../output/identity.js";
import type { SegmentOptions } from "../segment/segment.js";
import type { Script } from "../types.js";
import type { EpisodeJob, JobInput } from "./payload.js";

/** The Script of a checked job; an InputError naming the article when one cannot be read. */
export async function jobScript(job: EpisodeJob, defaultLanguage: string): Promise<Script> {
  const options: SegmentOptions = job.language ? { language: job.language } : { defaultLanguage };
  const scripts: Script[] = [];
  for (const input of job.inputs) scripts.push(withoutLocalFiles(await readInput(input, options)));
  if (job.edition) return editionScript(job.edition, scripts);
  if (scripts.length > 1)
    checkDistinct(job.inputs.map((input, i) => ({ file: nameOf(input), meta: (scripts[i] as Script).meta })));
  // Several articles without an edition were queued as one job each; a job holds one or an edition.
  return scripts[0] as Script;
}

function nameOf(input: JobInput): string {
  return "url" in input ? input.url : input.name;
}

async function readInput(input: JobInput, options: SegmentOptions): Promise<Script> {
  if ("url" in input) return readScript(input.url, { ...options, web: { policy: {} } });
  return readScript({ name: input.name, bytes: Buffer.from(input.base64, "base64") }, options);
}

/**
 * A saved page's lead image is a file beside it on the machine that queued it; the name it was
 * found under means nothing here, and a job must never make a worker publish its own files.
 */
function withoutLocalFiles(script: Script): Script {
  if (!script.meta.image) return script;
  const { image: _image, ...meta } = script.meta;
  return { ...script, meta };
}
