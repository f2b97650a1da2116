/**
 * The operating system's own voices through the `say` package: macOS `say` and Windows SAPI.
 * On Linux `say.export` cannot write a file, so loading fails at once with the alternatives.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseWav } from "../../audio/wav.js";
import { InputError, WorkError } from "../../errors.js";
import type { Voice } from "../../types.js";
import { assertFits, type Engine } from "../engine.js";

export const SAY = "say";

/** Options for `loadEngine("say", options)`. */
export interface SayOptions {
  /** Which platform to act as; for tests. default: process.platform */
  platform?: NodeJS.Platform;
}

const MAX_CHARS = 1000;

/** Fails on anything but macOS and Windows, naming the engines that do work there. */
export async function createSayEngine(options: SayOptions = {}): Promise<Engine> {
  const platform = options.platform ?? process.platform;
  if (platform !== "darwin" && platform !== "win32") {
    throw new InputError(
      `The say engine only works on macOS and Windows (this is ${platform}); use flite, espeak, command or openai instead.`,
    );
  }
  const { default: say } = await import("say");
  const dir = await mkdtemp(join(tmpdir(), "presscast-say-"));

  return {
    name: SAY,
    maxChars: MAX_CHARS,
    // The package keeps one child process per instance: one call at a time.
    concurrency: 1,
    voices() {
      return new Promise((resolve, reject) => {
        const list = say.getInstalledVoices as unknown as (
          done: (error: unknown, voices?: string[]) => void,
        ) => void;
        list.call(say, (error, voices) => {
          if (error)
            return reject(
              new WorkError(`The say engine could not list the system voices: ${String(error)}.`),
            );
          resolve((voices ?? []).map((id) => ({ id, language: "und" })));
        });
      });
    },
    async synthesize(text: string, voice: Voice) {
      assertFits(SAY, MAX_CHARS, text);
      const file = join(dir, `${randomUUID()}.wav`);
      try {
        await new Promise<void>((resolve, reject) => {
          say.export(text, voice.voice, voice.rate ?? 1, file, (error) => {
            if (error)
              reject(new WorkError(`The say engine failed with voice "${voice.voice}": ${String(error)}.`));
            else resolve();
          });
        });
        return parseWav(await readFile(file), `say voice ${voice.voice}`);
      } finally {
        await rm(file, { force: true });
      }
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
