/**
 * Any local TTS program, described by an argument template in the voice options and spawned
 * without a shell: the text is one argument (or stdin), never parsed by a shell, so
 * "$(rm -rf ~)" in an article is spoken, not run.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Audio } from "../../audio/types.js";
import { parsePcm16, parseWav } from "../../audio/wav.js";
import { InputError, lastLines, WorkError } from "../../errors.js";
import { chargeChildren } from "../../phases.js";
import type { Voice } from "../../types.js";
import { assertFits, type Engine, type VoiceInfo } from "../engine.js";

export const COMMAND = "command";

/**
 * How to run the program, from `voice.options` (over the engine's load options). In `args`,
 * `{voice}`, `{text}`, `{output}` and `{rate}` are replaced inside each argument.
 */
export interface CommandTemplate {
  command: string;
  args: string[];
  /** How the text reaches the program; "argument" needs `{text}` in args. default: "stdin" */
  input: "stdin" | "argument";
  /** Where the audio comes back; "file" needs `{output}` in args. default: "file" */
  output: "file" | "stdout";
  /** default: "wav" */
  format: "wav" | "raw";
  /** Sample rate of raw 16-bit mono output; required when format is "raw". */
  sampleRate?: number;
  /** The program is killed after this long. default: 120000 */
  timeoutMs: number;
}

/** Options for `loadEngine("command", options)`: defaults for every voice, plus these. */
export interface CommandOptions extends Partial<CommandTemplate> {
  /** Voices `presscast voices` lists and synthesize accepts; unset → any voice is passed on. */
  voices?: Array<string | VoiceInfo>;
  /** default: 1000 */
  maxChars?: number;
  /** Programs run at once. default: 2 */
  concurrency?: number;
}

/** Checks the template once per call, with messages that name the bad field. */
export function readTemplate(sources: Array<Record<string, unknown> | undefined>): CommandTemplate {
  const merged: Record<string, unknown> = Object.assign({}, ...sources.filter(Boolean));
  const { command, args = [], input = "stdin", output = "file", format = "wav", sampleRate } = merged;
  const bad = (what: string) =>
    new InputError(`The command engine's voice options have ${what}; see CommandTemplate in the docs.`);
  const timeoutMs = merged.timeoutMs ?? 120_000;
  if (typeof timeoutMs !== "number" || !(timeoutMs >= 1000 && timeoutMs <= 600_000))
    throw bad('a "timeoutMs" outside 1000 to 600000 (milliseconds)');
  if (typeof command !== "string" || command === "") throw bad('no "command" (the program to run)');
  if (!Array.isArray(args) || !args.every((arg) => typeof arg === "string"))
    throw bad('"args" that is not a list of strings');
  if (input !== "stdin" && input !== "argument") throw bad('an "input" other than "stdin" or "argument"');
  if (output !== "file" && output !== "stdout") throw bad('an "output" other than "file" or "stdout"');
  if (format !== "wav" && format !== "raw") throw bad('a "format" other than "wav" or "raw"');
  if (format === "raw" && (typeof sampleRate !== "number" || !Number.isInteger(sampleRate)))
    throw bad('format "raw" but no whole "sampleRate"');
  if (
    sampleRate !== undefined &&
    !(typeof sampleRate === "number" && sampleRate >= 8000 && sampleRate <= 192_000)
  )
    throw bad('a "sampleRate" outside 8000 to 192000');
  if (input === "argument" && !args.some((arg) => arg.includes("{text}")))
    throw bad('input "argument" but no {text} in args');
  if (output === "file" && !args.some((arg) => arg.includes("{output}")))
    throw bad('output "file" but no {output} in args');
  return { command, args, input, output, format, sampleRate: sampleRate as number | undefined, timeoutMs };
}

interface Run {
  stdout: Buffer;
  stderr: string;
}

/** Audio a program may write for one call: six minutes of 48 kHz 16-bit stereo, far beyond a sentence. */
const MAX_AUDIO = 64 * 1024 * 1024;

/**
 * Runs the program with its own deadline (the timer is cleared whatever happens, so a program
 * that could not start never keeps presscast waiting), and kills it when it writes more audio
 * than any sentence needs.
 */
function run(template: CommandTemplate, args: string[], stdin: string, signal?: AbortSignal): Promise<Run> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // Its own process group: a timeout or Ctrl-C stops the program and anything it started (a
    // shell's `sleep` would otherwise hold the pipes open, and the call, long after).
    const child = spawn(template.command, args, { stdio: ["pipe", "pipe", "pipe"], detached: true });
    const killAll = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {}
    };
    const onAbort = () => stop(signal?.reason ?? new WorkError("aborted"));
    signal?.addEventListener("abort", onAbort, { once: true });
    const stdout: Buffer[] = [];
    let size = 0;
    let stderr = "";
    let settled = false;
    const finish = (error: unknown, result?: Run) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (error) reject(error);
      else resolve(result as Run);
    };
    // A stopped program's call ends now, not when its last descendant lets go of the pipes.
    const stop = (error: unknown) => {
      killAll();
      finish(error);
    };
    const timer = setTimeout(
      () =>
        stop(
          new WorkError(
            `The command engine's program "${template.command}" did not finish within ${template.timeoutMs / 1000} s (timeoutMs); it was stopped.`,
          ),
        ),
      template.timeoutMs,
    );
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_AUDIO)
        return stop(
          new WorkError(
            `The command engine's program "${template.command}" wrote more than 64 MB to stdout; it was stopped.`,
          ),
        );
      stdout.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    child.stdin.on("error", () => {}); // a program that ignores stdin closes it early; its exit code tells
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (signal?.aborted) return finish(signal.reason);
      if (error.code === "ENOENT") {
        return finish(
          new InputError(
            `The command engine could not find the program "${template.command}"; install it or fix voice.options.command.`,
          ),
        );
      }
      if (error.code === "EACCES") {
        return reject(
          new InputError(
            `The command engine may not run "${template.command}" (permission denied); make it executable.`,
          ),
        );
      }
      finish(new WorkError(`The command engine could not run "${template.command}": ${error.message}.`));
    });
    child.on("close", (code, killedBy) => {
      chargeChildren("synthesize");
      killAll(); // nothing it started outlives the call
      if (code === 0) return finish(undefined, { stdout: Buffer.concat(stdout), stderr });
      const how = killedBy ? `was killed by ${killedBy}` : `exited with code ${code}`;
      const said = lastLines(stderr);
      finish(
        new WorkError(`The command engine's program "${template.command}" ${how}${said ? `: ${said}` : ""}.`),
      );
    });
    child.stdin.end(stdin);
  });
}

/** The file the program wrote, unless it is missing or larger than any sentence's audio. */
async function readAudioFile(file: string, command: string): Promise<Buffer | undefined> {
  const size = await stat(file).then(
    (info) => info.size,
    () => undefined,
  );
  if (size === undefined) return undefined;
  if (size > MAX_AUDIO)
    throw new WorkError(
      `The command engine's program "${command}" wrote a file of more than 64 MB for one sentence.`,
    );
  return readFile(file);
}

/** Creates a temp folder for output files; nothing runs until synthesize. */
export async function createCommandEngine(options: CommandOptions = {}): Promise<Engine> {
  const dir = await mkdtemp(join(tmpdir(), "presscast-command-"));
  const listed: VoiceInfo[] | undefined = options.voices?.map((voice) =>
    typeof voice === "string" ? { id: voice, language: "und" } : voice,
  );
  const maxChars = options.maxChars ?? 1000;
  const concurrency = options.concurrency ?? 2;
  if (typeof maxChars !== "number" || !Number.isInteger(maxChars) || maxChars < 20 || maxChars > 100_000)
    throw new InputError("The command engine's maxChars must be a whole number from 20 to 100000.");
  if (
    typeof concurrency !== "number" ||
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > 16
  )
    throw new InputError("The command engine's concurrency must be a whole number from 1 to 16.");
  const defaults = options as Record<string, unknown>;

  return {
    name: COMMAND,
    maxChars,
    concurrency,
    async voices() {
      return (listed ?? []).map((voice) => ({ ...voice }));
    },
    async synthesize(text: string, voice: Voice, signal?: AbortSignal): Promise<Audio> {
      assertFits(COMMAND, maxChars, text);
      if (listed && !listed.some((known) => known.id === voice.voice)) {
        const ids = listed.map((known) => known.id).join(", ");
        throw new InputError(
          `The command engine has no voice "${voice.voice}"; its configured voices are ${ids}.`,
        );
      }
      const template = readTemplate([defaults, voice.options]);
      const output = join(dir, `${randomUUID()}.${template.format}`);
      const values: Record<string, string> = {
        voice: voice.voice,
        text,
        output,
        rate: String(voice.rate ?? 1),
      };
      const args = template.args.map((arg) =>
        arg.replace(/\{(voice|text|output|rate)\}/g, (_, key: string) => values[key] ?? ""),
      );
      try {
        const result = await run(template, args, template.input === "stdin" ? text : "", signal);
        const bytes =
          template.output === "file" ? await readAudioFile(output, template.command) : result.stdout;
        if (!bytes || bytes.length === 0) {
          throw new WorkError(
            `The command engine's program "${template.command}" wrote no audio to ${template.output === "file" ? output : "stdout"}; check its args.`,
          );
        }
        const source = `The output of "${template.command}"`;
        return template.format === "wav"
          ? parseWav(bytes, source)
          : parsePcm16(bytes, template.sampleRate ?? 0);
      } finally {
        await rm(output, { force: true });
      }
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
