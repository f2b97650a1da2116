import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { InputError, InterruptedError, WorkError } from "../errors.js";
import { registerAudioTools } from "./audio-tools.js";
import { registerBuild } from "./build.js";
import { addExamples } from "./help.js";
import { registerPublish } from "./publish.js";
import { registerQueue } from "./queue.js";
import { registerScript } from "./script.js";
import { setQuiet } from "./terminal.js";

/**
 * The whole command line: parse, run one command, map its error to an exit code.
 * 0 success, 1 a failure while working, 2 bad input or usage; never a stack trace for either.
 */
export async function main(argv: string[]): Promise<number> {
  // A reader that went away (`presscast build … | head -1`) must not fail the build: what was
  // not read is lost, the work is not.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
  const program = new Command("presscast")
    .description("Turn written articles into chaptered, multi-voice podcast episodes.")
    .version(packageVersion(), "-V, --version", "print presscast's version")
    .option("-q, --quiet", "say nothing on stderr but warnings and errors (no progress, no results)")
    .hook("preAction", (command) => setQuiet(command.opts().quiet === true))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerScript(program);
  registerBuild(program);
  registerAudioTools(program);
  registerPublish(program);
  registerQueue(program);
  addExamples(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return exitCode(error);
  }
}

export function exitCode(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof InputError || error instanceof WorkError || error instanceof InterruptedError) {
    process.stderr.write(`presscast: ${error.message}\n`);
    return error.exitCode;
  }
  const system = systemFailure(error);
  if (system) {
    process.stderr.write(`presscast: ${system}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`presscast: unexpected failure: ${message}\n`);
  if (process.env.PRESSCAST_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOSPC: "no space is left on the device",
  EDQUOT: "the disk quota is used up",
  EROFS: "the file system is read-only",
  EACCES: "permission was denied",
  EPERM: "the operation is not permitted",
  EMFILE: "too many files are open",
  EIO: "the device reported an input/output error",
};

/** A failure of the machine rather than of presscast (a full disk, a read-only folder), in words. */
function systemFailure(error: unknown): string | undefined {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const reason = code ? SYSTEM_REASONS[code] : undefined;
  if (!reason) return undefined;
  const what = path ? ` on ${path}` : "";
  return `${syscall ?? "a file operation"} failed${what}: ${reason} (${code}).`;
}

/** The version in package.json, read once when asked for (`presscast --version`). */
function packageVersion(): string {
  const file = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}
