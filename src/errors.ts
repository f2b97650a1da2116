/**
 * Errors a user sees. Each carries one sentence that names the file, line, segment or
 * engine at fault; the CLI maps the class to an exit code and never prints a stack.
 */

/** Bad input or usage: exit code 2. */
export class InputError extends Error {
  override name = "InputError";
  readonly exitCode = 2;
}

/** A failure while working (engine, ffmpeg, disk): exit code 1. */
export class WorkError extends Error {
  override name = "WorkError";
  readonly exitCode = 1;
}

/**
 * An engine's process died under a call (an abort inside WebAssembly, a signal): presscast goes
 * on, the call fails. The synthesize stage may retry the text in smaller pieces.
 */
export class EngineCrashError extends WorkError {
  override name = "EngineCrashError";
}

/** The last `count` non-empty lines of a process's stderr, for quoting in an error. */
export function lastLines(text: string, count = 3): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-count)
    .join(" | ");
}

/** The user pressed Ctrl-C: exit code 130, after saying what was kept. */
export class InterruptedError extends Error {
  override name = "InterruptedError";
  readonly exitCode = 130;
}
