/**
 * Everything the command line says on stderr: lines for the person watching, and progress. A
 * bar is drawn only on a terminal, and never when NO_COLOR is set (https://no-color.org) or the
 * terminal is dumb; elsewhere (logs, CI, a pipe) progress is a plain line every 10%. With
 * --quiet nothing is said but warnings; errors are main's. stdout is never touched here.
 */
import { createRequire } from "node:module";

// The bar's library is loaded when a bar is drawn (a terminal), not at every start-up.
const require = createRequire(import.meta.url);

/** Progress of one phase. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

let quiet = false;

/** Set once by main from the global --quiet flag, before a command runs. */
export function setQuiet(value: boolean): void {
  quiet = value;
}

/** A line on stderr for the person watching; with --quiet only a warning is said. */
export function say(line: string): void {
  if (!quiet || line.startsWith("warning:")) process.stderr.write(`${line}\n`);
}

/** Bars and colour only on a terminal, never with NO_COLOR or TERM=dumb. */
export function fancyOutput(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
}

export function createProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Progress {
  if (quiet) return { update() {}, stop() {} };
  if (fancyOutput(stream, env)) {
    const { SingleBar } = require("cli-progress") as typeof import("cli-progress");
    const bar = new SingleBar({
      format: `${label} [{bar}] {value}/{total} {eta_formatted} left`,
      hideCursor: true,
      stream,
      clearOnComplete: false,
    });
    let started = false;
    return {
      update(done, total) {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${label}: ${done}/${total}\n`);
    },
    stop() {},
  };
}
