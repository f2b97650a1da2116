/**
 * The one place presscast starts an external process for audio.
 *
 * Plain `spawn` rather than fluent-ffmpeg: our commands are a handful of fixed argument lists
 * (a raw-PCM input, one filter chain, one encoder), and we need the exact argv for `--verbose`,
 * the raw stderr for loudnorm's JSON, and byte streams on stdin/stdout. fluent-ffmpeg would
 * rebuild the same argv behind a builder, hide the stderr we parse and is no longer maintained.
 */
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createRequire } from "node:module";
import type { Readable, Writable } from "node:stream";
import { lastLines, WorkError } from "../errors.js";
import { chargeChildren, type Phase } from "../phases.js";
import {
  chooseFfmpeg,
  chooseFfmpegSoon,
  describeFfmpeg,
  describeFfmpegSoon,
  type FfmpegBuild,
  ffmpegOnPath,
} from "./ffmpeg-choice.js";

/** Receives one line of diagnostics; the CLI wires it to stderr on `--verbose`. */
export type LogLine = (line: string) => void;

export interface FfmpegOptions {
  /** An explicit binary (`--ffmpeg`); wins over FFMPEG_PATH and the bundled one. */
  ffmpegPath?: string;
  /** Where FFMPEG_PATH is read from. default: process.env */
  env?: NodeJS.ProcessEnv;
  /** Verbose logger: gets every command line before it runs. */
  log?: LogLine;
  /** Aborting it kills any running ffmpeg (Ctrl-C during a build). */
  signal?: AbortSignal;
}

export interface RunOptions {
  /** What the command is for, used in the error message (e.g. "encoding episode.mp3"). */
  what: string;
  /** Bytes or a stream fed to ffmpeg's stdin (`-i pipe:0`). */
  stdin?: Buffer | Readable;
  /** "buffer" collects stdout (small outputs only); a Writable receives it as a stream. */
  stdout?: "buffer" | Writable;
  /** ffmpeg is killed after this long. default: 30 minutes (a whole book's loudness pass takes a few) */
  timeoutMs?: number;
  /** The build phase its CPU time is charged to (see phases.ts). default: "encode" */
  phase?: Phase;
}

export interface RunResult {
  /** The tail of stderr (up to 256 KiB), where ffmpeg prints its reports. */
  stderr: string;
  stdout: Buffer;
}

/** A resolved ffmpeg binary; passed into the stages that need audio work. */
export interface FfmpegRunner {
  /** The binary; when none was named, chosen the first time this is read (see ffmpeg-choice.ts). */
  readonly path: string;
  /** Its version as it prints it ("unknown" when it does not say). */
  readonly version: string;
  /**
   * Finds out which binary and version (`path`, `version`) without blocking, once; a caller that
   * knows it will encode starts it early and goes on with other work. Never rejects: a binary
   * that does not answer is reported when it is run.
   */
  prepare(): Promise<void>;
  run(args: string[], opts: RunOptions): Promise<RunResult>;
}

const STDERR_KEEP = 256 * 1024;
const DEFAULT_TIMEOUT_MS = 30 * 60 * 1000;

function bundledPath(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
  } catch {
    return "(no bundled ffmpeg for this platform)";
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const choices = new Map<string, FfmpegBuild>();
const choosing = new Map<string, Promise<FfmpegBuild>>();

/** The automatic choice, asked of the binaries once per process. */
function chosen(env: NodeJS.ProcessEnv): FfmpegBuild {
  const key = env.PATH ?? "";
  let build = choices.get(key);
  if (!build) {
    build = chooseFfmpeg(bundledPath(), env);
    choices.set(key, build);
  }
  return build;
}

/** The same choice, asked in the background; `chosen` answers from it once it has settled. */
function chooseSoon(env: NodeJS.ProcessEnv): Promise<FfmpegBuild> {
  const key = env.PATH ?? "";
  const known = choices.get(key);
  if (known) return Promise.resolve(known);
  let pending = choosing.get(key);
  if (!pending) {
    pending = chooseFfmpegSoon(bundledPath(), env).then((build) => {
      if (!choices.has(key)) choices.set(key, build);
      return choices.get(key) as FfmpegBuild;
    });
    choosing.set(key, pending);
  }
  return pending;
}

/**
 * Picks the binary: option > FFMPEG_PATH > the newer of the bundled @ffmpeg-installer/ffmpeg
 * and an ffmpeg on PATH (see ffmpeg-choice.ts); fails unless it is executable.
 */
export function resolveFfmpegPath(opts: FfmpegOptions = {}): string {
  const env = opts.env ?? process.env;
  const path = opts.ffmpegPath || env.FFMPEG_PATH || chosen(env).path;
  if (!executable(path)) throw new WorkError(`ffmpeg not found at ${path}; install it or set FFMPEG_PATH.`);
  return path;
}

/**
 * A runner that logs and checks every command. A named binary (option, FFMPEG_PATH) is checked
 * now; otherwise the choice is made at the first command, so a build that encodes nothing
 * starts no ffmpeg (and fails now only when there is no ffmpeg at all).
 */
export function createFfmpeg(opts: FfmpegOptions = {}): FfmpegRunner {
  const env = opts.env ?? process.env;
  const named = opts.ffmpegPath || env.FFMPEG_PATH;
  if (named) resolveFfmpegPath(opts);
  else if (!executable(bundledPath()) && !ffmpegOnPath(env)) resolveFfmpegPath(opts);
  let build: FfmpegBuild | undefined;
  let asked: Promise<void> | undefined;
  const describe = (): FfmpegBuild => {
    build ??= named ? (describeFfmpeg(named) ?? unknownBuild(named)) : chosen(env);
    return build;
  };
  const pathOf = () => named || describe().path;
  const log = opts.log;
  return {
    get path() {
      return pathOf();
    },
    get version() {
      return describe().version;
    },
    prepare() {
      if (build) return Promise.resolve();
      asked ??= named
        ? describeFfmpegSoon(named).then((found) => {
            build ??= found ?? unknownBuild(named);
          })
        : chooseSoon(env).then((found) => {
            build ??= found;
          });
      return asked;
    },
    async run(args, runOpts) {
      // A choice already being asked is waited for, not asked a second time.
      await asked;
      const path = pathOf();
      const argv = ["-hide_banner", "-nostdin", "-nostats", ...args];
      log?.(`$ ${[path, ...argv].map(quote).join(" ")}`);
      return runProcess(path, argv, opts.signal ? { ...runOpts, signal: opts.signal } : runOpts);
    },
  };
}

function unknownBuild(path: string): FfmpegBuild {
  return { path, version: "unknown", codecs: [0, 0, 0], lame: true };
}

function runProcess(
  path: string,
  argv: string[],
  opts: RunOptions & { signal?: AbortSignal },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, argv, {
      stdio: ["pipe", "pipe", "pipe"],
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    let stderr = "";
    const chunks: Buffer[] = [];
    let settled = false;
    const limit = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // No external program runs unbounded: a hung ffmpeg (a stalled input, a bad filter) is stopped.
    const timer = setTimeout(
      () =>
        fail(
          new WorkError(
            `ffmpeg did not finish within ${Math.round(limit / 1000)} s while ${opts.what}; it was stopped.`,
          ),
        ),
      limit,
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      child.kill("SIGKILL");
      reject(err);
    };
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr += text;
      if (stderr.length > STDERR_KEEP * 2) stderr = stderr.slice(-STDERR_KEEP);
    });
    if (opts.stdout === "buffer") child.stdout.on("data", (c: Buffer) => chunks.push(c));
    else if (opts.stdout) child.stdout.pipe(opts.stdout, { end: false });
    else child.stdout.resume();
    // ffmpeg may exit before reading all its input (e.g. on an error); that is reported by the exit code.
    child.stdin.on("error", () => {});
    const input = opts.stdin;
    if (Buffer.isBuffer(input)) child.stdin.end(input);
    else if (input) {
      input.on("error", (err) =>
        fail(new WorkError(`Reading input failed while ${opts.what}: ${err.message}.`)),
      );
      input.pipe(child.stdin);
    } else child.stdin.end();
    child.on("error", (err) =>
      fail(new WorkError(`ffmpeg at ${path} could not start while ${opts.what}: ${err.message}.`)),
    );
    child.on("close", (code, signal) => {
      chargeChildren(opts.phase ?? "encode");
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      if (code === 0) resolve({ stderr, stdout: Buffer.concat(chunks) });
      else {
        const status = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new WorkError(`ffmpeg ${status} while ${opts.what}: ${lastLines(stderr) || "no output"}.`));
      }
    });
  });
}

/** Shell-style quoting, only for the logged command line (the process itself gets argv). */
function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
