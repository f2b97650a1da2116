/**
 * Cache entries that prove their own content. A header alone proves nothing: random bytes over
 * a clip's samples, a clip cut short by a full disk, or a garbled MP3 piece all keep a valid
 * header. So every entry ends in a 40-byte trailer, shaped like a RIFF chunk ("pcsh", size 32,
 * then the SHA-256 of every byte before it), written when the entry is made and checked each
 * time it is used. An entry that fails the check is deleted and made again, never published.
 */
import { createHash } from "node:crypto";
import { open, readFile, rm } from "node:fs/promises";

const MAGIC = "pcsh";
/** Bytes the trailer adds to a file. */
export const SEAL_BYTES = 40;

const digest = (bytes: Uint8Array): Buffer => createHash("sha256").update(bytes).digest();

/**
 * Appends the trailer to `file`. With `riff`, the RIFF size field is first grown to cover it, so
 * the trailer is an ordinary chunk that every WAV reader skips. Throws when the write fails (a
 * full disk): the entry is then never renamed into the cache.
 */
export async function seal(file: string, opts: { riff?: boolean } = {}): Promise<void> {
  const bytes = await readFile(file);
  if (opts.riff) {
    if (bytes.length < 12 || bytes.toString("latin1", 0, 4) !== "RIFF")
      throw new Error(`${file} is not a RIFF file`);
    bytes.writeUInt32LE(bytes.length + SEAL_BYTES - 8, 4);
  }
  const trailer = Buffer.alloc(SEAL_BYTES);
  trailer.write(MAGIC, 0, "latin1");
  trailer.writeUInt32LE(32, 4);
  digest(bytes).copy(trailer, 8);
  const handle = await open(file, "r+");
  try {
    if (opts.riff) await handle.write(bytes, 4, 4, 4);
    const { bytesWritten } = await handle.write(trailer, 0, SEAL_BYTES, bytes.length);
    if (bytesWritten !== SEAL_BYTES) throw new Error(`${file}: short write of its checksum`);
  } finally {
    await handle.close();
  }
}

/**
 * The entry's bytes without the trailer when the file is whole and unchanged since it was
 * sealed; undefined (and the file deleted) when it is not; undefined when it is absent.
 */
export async function unseal(file: string): Promise<Buffer | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  const end = bytes.length - SEAL_BYTES;
  const good =
    end > 0 &&
    bytes.toString("latin1", end, end + 4) === MAGIC &&
    bytes.readUInt32LE(end + 4) === 32 &&
    digest(bytes.subarray(0, end)).equals(bytes.subarray(end + 8));
  if (good) return bytes.subarray(0, end);
  await rm(file, { force: true });
  return undefined;
}
