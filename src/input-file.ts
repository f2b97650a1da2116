/**
 * Reading a file a user named (an article, a profile, a lexicon, a config, a cover image) with
 * its limits checked before any work: only a regular file is read (a FIFO, a device such as
 * /dev/zero or a directory is refused at once), never more than `maxBytes` (checked on the size
 * and again while reading, since a file can grow), and a missing or forbidden file is named with
 * the real reason. The message never quotes the file's contents.
 */
import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { InputError } from "./errors.js";

export interface ReadLimits {
  /** Most bytes read. */
  maxBytes: number;
  /** What the file is, as the message starts: "Article x.txt", "Voice profile p.yaml". */
  what: string;
  /** Appended to "does not exist" (e.g. "; check the path in --voices"). default: "; check the path" */
  hint?: string;
}

/** An errno in a few words, for "cannot be read (…)" and the like. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "ELOOP") return "a symbolic link loop";
  if (code === "ENOTDIR") return "a part of its path is a file";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EROFS") return "the file system is read-only";
  return code ?? (error instanceof Error ? error.message : String(error));
}

function failure(what: string, error: unknown, hint: string): InputError {
  if ((error as NodeJS.ErrnoException)?.code === "ENOENT")
    return new InputError(`${what} does not exist${hint}.`);
  return new InputError(`${what} cannot be read (${reasonOf(error)}).`);
}

function kindOf(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

function megabytes(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round((bytes / 1048576) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** The whole file, when it is a regular file of at most `maxBytes`; else an InputError naming it. */
export async function readLimited(file: string, limits: ReadLimits): Promise<Buffer> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not wait; a regular file ignores the flag.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw failure(limits.what, error, limits.hint ?? "; check the path");
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      const kind = kindOf(stats);
      throw new InputError(`${limits.what} is ${kind}, not a regular file; give presscast a file.`);
    }
    const tooBig = () =>
      new InputError(
        `${limits.what} is more than the ${megabytes(limits.maxBytes)} presscast reads for it; give a smaller file.`,
      );
    if (stats.size > limits.maxBytes) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, limits.maxBytes + 1 - total));
      if (chunk.length === 0) throw tooBig();
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limits.maxBytes) throw tooBig();
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw failure(limits.what, error, limits.hint ?? "; check the path");
  } finally {
    await handle.close();
  }
}

/** The same, as UTF-8 text (a YAML or JSON file). */
export async function readLimitedText(file: string, limits: ReadLimits): Promise<string> {
  return (await readLimited(file, limits)).toString("utf8");
}
