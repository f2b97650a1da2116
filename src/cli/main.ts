import { Command, CommanderError } from "commander";
import { InputError, InterruptedError, WorkError } from "../errors.js";
import { registerAudioTools } from "./audio-tools.js";
import { registerBuild } from "./build.js";
import { registerPublish } from "./publish.js";
import { registerScript } from "./script.js";

/**
 * The whole command line: parse, run one command, map its error to an exit code.
 * 0 success, 1 a failure while working, 2 bad input or usage; never a stack trace for either.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command("presscast")
    .description("Turn written articles into chaptered, multi-voice podcast episodes.")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerScript(program);
  registerBuild(program);
  registerAudioTools(program);
  registerPublish(program);
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
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`presscast: unexpected failure: ${message}\n`);
  if (process.env.PRESSCAST_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
