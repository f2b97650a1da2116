import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

/** Shared by the end-to-end tests: the built command, and a fast real engine for them. */
export const root = join(import.meta.dirname, "..", "..");
const run = promisify(execFile);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/presscast.js …`; never throws, so a test can check the exit code. */
export function presscast(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  return run(process.execPath, [join(root, "bin", "presscast.js"), ...args], {
    cwd: options.cwd ?? root,
    env: options.env ?? process.env,
    maxBuffer: 1 << 26,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: Run) => error,
  );
}

/**
 * A voice profile for the `command` engine running test/fixtures/engines/tone.mjs, a real program
 * that writes a WAV tone per sentence (voices low, high, silent, fail): builds in seconds.
 */
export function toneProfile(
  file: string,
  voices: { narrator: string; host: string; guest: string } = { narrator: "low", host: "high", guest: "low" },
): string {
  const tone = join(root, "test", "fixtures", "engines", "tone.mjs");
  const args = JSON.stringify([tone, "--voice", "{voice}", "--output", "{output}"]);
  writeFileSync(
    file,
    `engines:\n  command: { command: ${JSON.stringify(process.execPath)}, args: ${args} }\nroles:\n` +
      `  narrator: { engine: command, voice: ${voices.narrator} }\n` +
      `  host: { engine: command, voice: ${voices.host} }\n` +
      `  guest: { engine: command, voice: ${voices.guest} }\n`,
  );
  return file;
}
