/**
 * Reads the header of a clip's WAV file so its PCM can be copied straight into the episode
 * stream: spawning ffmpeg once per clip costs ~0.1 s, which is minutes for a book.
 */
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { WorkError } from "../errors.js";

export interface WavInfo {
  /** 1 = integer PCM, 3 = float, 0xfffe = extensible. */
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Byte offset of the first sample. */
  dataOffset: number;
  /** Bytes of sample data actually present in the file. */
  dataBytes: number;
}

/** True when the clip is already mono 16-bit PCM, the episode's working format. */
export function isMonoPcm16(info: WavInfo): boolean {
  return (
    (info.formatTag === 1 || info.formatTag === 0xfffe) && info.channels === 1 && info.bitsPerSample === 16
  );
}

/** Parses RIFF/WAVE chunks up to `data`; a damaged header is a WorkError naming the file. */
export async function readWavInfo(file: string): Promise<WavInfo> {
  let fh: FileHandle;
  try {
    fh = await open(file, "r");
  } catch (err) {
    throw new WorkError(
      `Clip ${file} cannot be read (${(err as Error).message}); rebuild to re-synthesize it.`,
    );
  }
  try {
    return await parseChunks(fh, file);
  } finally {
    await fh.close();
  }
}

async function parseChunks(fh: FileHandle, file: string): Promise<WavInfo> {
  const bad = (why: string) =>
    new WorkError(`Clip ${file} is not a usable WAV file (${why}); clear the cache entry.`);
  const { size } = await fh.stat();
  const head = Buffer.alloc(12);
  await fh.read(head, 0, 12, 0);
  if (head.toString("ascii", 0, 4) !== "RIFF" || head.toString("ascii", 8, 12) !== "WAVE") {
    throw bad("no RIFF/WAVE header");
  }
  let pos = 12;
  let fmt: Omit<WavInfo, "dataOffset" | "dataBytes"> | undefined;
  const chunk = Buffer.alloc(8);
  while (pos + 8 <= size) {
    await fh.read(chunk, 0, 8, pos);
    const id = chunk.toString("ascii", 0, 4);
    const length = chunk.readUInt32LE(4);
    const body = pos + 8;
    if (id === "fmt ") {
      const f = Buffer.alloc(16);
      await fh.read(f, 0, 16, body);
      fmt = {
        formatTag: f.readUInt16LE(0),
        channels: f.readUInt16LE(2),
        sampleRate: f.readUInt32LE(4),
        bitsPerSample: f.readUInt16LE(14),
      };
    } else if (id === "data") {
      if (!fmt) throw bad("data before fmt chunk");
      if (!fmt.channels || !fmt.sampleRate) throw bad("empty fmt chunk");
      // Streaming writers leave the size as 0 or 0xFFFFFFFF: trust the file's real length then.
      const present = size - body;
      const frame = Math.max(1, fmt.channels * Math.ceil(fmt.bitsPerSample / 8));
      let bytes = length === 0 || length > present ? present : length;
      bytes -= bytes % frame;
      return { ...fmt, dataOffset: body, dataBytes: bytes };
    }
    pos = body + length + (length % 2);
  }
  throw bad("no data chunk");
}
