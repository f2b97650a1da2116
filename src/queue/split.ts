/**
 * How a long article is shared between workers: the sentences not yet in the synthesis cache,
 * cut into blocks of about the same amount of text, each spoken by its own job into the shared
 * cache. The episode's own job then builds as usual and finds every clip there, so there is one
 * way to assemble an episode, whoever spoke its sentences.
 */
import { existsSync } from "node:fs";
import { cacheKey, cachePath } from "../synthesize/cache.js";
import type { Utterance } from "../types.js";

/**
 * Spoken characters per block. default: 4,000, about 10 s of work for Flite on one core here:
 * long enough that a job's overhead (a Redis round trip, loading an engine once per process) is
 * small beside it, short enough that a 10,000-word article makes 15 or more blocks to spread.
 */
export const DEFAULT_CHUNK_CHARS = 4_000;

/**
 * The blocks to speak for `utterances`, in reading order; empty when what is left to speak
 * is less than two blocks' worth (splitting would only add a round trip).
 */
export function speakBlocks(utterances: Utterance[], cacheDir: string, chunkChars: number): Utterance[][] {
  const seen = new Set<string>();
  const todo: Utterance[] = [];
  let chars = 0;
  for (const utterance of utterances) {
    const file = cachePath(cacheDir, cacheKey(utterance));
    if (seen.has(file)) continue;
    seen.add(file);
    if (existsSync(file)) continue;
    todo.push(utterance);
    chars += utterance.spoken.length;
  }
  if (chars < 2 * chunkChars) return [];
  // Even blocks: the last one is not a short remainder that leaves a worker idle at the end.
  const count = Math.round(chars / chunkChars);
  const target = chars / count;
  const blocks: Utterance[][] = [];
  let block: Utterance[] = [];
  let size = 0;
  for (const utterance of todo) {
    block.push(utterance);
    size += utterance.spoken.length;
    if (size >= target && blocks.length < count - 1) {
      blocks.push(block);
      block = [];
      size = 0;
    }
  }
  if (block.length) blocks.push(block);
  return blocks;
}
