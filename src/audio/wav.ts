/**
 * RIFF/WAVE reading and writing, the one place presscast walks WAV chunks. Engines hand back
 * WAVs in several dialects (PCM16 or float32, mono or stereo, extensible headers, streaming
 * sizes); `parseWav` brings them to mono 16-bit `Audio`. Cached clips are only located
 * (`readWavInfo`: format and where the samples are), so their PCM can be copied straight into
 * the episode without holding it in memory.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { endianness } from "node:os";
import { WorkError } from "../errors.js";
import type { Audio } from "./types.js";

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;
const LITTLE_ENDIAN = endianness() === "LE";

interface Format {
  /** 1 = integer PCM, 3 = float; an extensible header's sub-format is resolved. */
  tag: number;
  channels: number;
  sampleRate: number;
  bits: number;
}

/** Where a WAV's samples are and what they are. */
export interface WavInfo {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Byte offset of the first sample. */
  dataOffset: number;
  /** Bytes of whole frames of sample data actually present in the file. */
  dataBytes: number;
}

/** Bytes of a WAV at an offset: a buffer in memory, or a file read piece by piece. */
interface Source {
  size: number;
  read(at: number, length: number): Buffer;
}

/**
 * Walks the RIFF chunks up to `data`. A data size that is 0 or overruns the file (streaming
 * writers leave 0 or 0xFFFFFFFF) means "to the end of the file". Throws the problem as a phrase.
 */
function locate(source: Source): WavInfo | string {
  const head = source.read(0, 12);
  if (
    head.length < 12 ||
    head.toString("ascii", 0, 4) !== "RIFF" ||
    head.toString("ascii", 8, 12) !== "WAVE"
  ) {
    return "no RIFF/WAVE header";
  }
  let format: Format | undefined;
  let offset = 12;
  while (offset + 8 <= source.size) {
    const chunk = source.read(offset, 8);
    const id = chunk.toString("ascii", 0, 4);
    const size = chunk.readUInt32LE(4);
    const body = offset + 8;
    if (id === "fmt ") {
      format = readFormat(source.read(body, Math.min(size, 40)));
    } else if (id === "data") {
      if (!format) return "data chunk before the fmt chunk";
      if (!format.channels || !format.sampleRate) return "empty fmt chunk";
      const present = source.size - body;
      const frame = Math.max(1, format.channels * Math.ceil(format.bits / 8));
      let bytes = size === 0 || size > present ? present : size;
      bytes -= bytes % frame;
      const { tag, channels, sampleRate, bits } = format;
      return {
        formatTag: tag,
        channels,
        sampleRate,
        bitsPerSample: bits,
        dataOffset: body,
        dataBytes: bytes,
      };
    }
    offset = body + size + (size % 2);
  }
  return `no ${format ? "data" : "fmt"} chunk`;
}

function readFormat(fmt: Buffer): Format {
  let tag = fmt.readUInt16LE(0);
  if (tag === EXTENSIBLE && fmt.length >= 26) tag = fmt.readUInt16LE(24);
  return { tag, channels: fmt.readUInt16LE(2), sampleRate: fmt.readUInt32LE(4), bits: fmt.readUInt16LE(14) };
}

/**
 * Parses a WAV file into mono int16 audio. Stereo is averaged, float32 is scaled.
 * `source` names the file or engine in the error message.
 */
export function parseWav(buffer: Uint8Array, source = "audio"): Audio {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const found = locate({ size: bytes.length, read: (at, length) => bytes.subarray(at, at + length) });
  if (found === "no RIFF/WAVE header") {
    throw new WorkError(`${source} is not a WAV file (no RIFF/WAVE header); expected PCM WAV audio.`);
  }
  if (typeof found === "string") throw new WorkError(`${source} is a malformed WAV file (${found}).`);
  const format = {
    tag: found.formatTag,
    channels: found.channels,
    sampleRate: found.sampleRate,
    bits: found.bitsPerSample,
  };
  const data = bytes.subarray(found.dataOffset, found.dataOffset + found.dataBytes);
  return { sampleRate: found.sampleRate, samples: toMono(data, format, source) };
}

/** The format and sample location of a clip's WAV file; a damaged file is a WorkError naming it. */
export async function readWavInfo(file: string): Promise<WavInfo> {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (err) {
    throw new WorkError(
      `Clip ${file} cannot be read (${(err as Error).message}); rebuild to re-synthesize it.`,
    );
  }
  try {
    const size = statSync(file).size;
    const found = locate({
      size,
      read(at, length) {
        const out = Buffer.alloc(Math.max(0, Math.min(length, size - at)));
        readSync(fd, out, 0, out.length, at);
        return out;
      },
    });
    if (typeof found === "string")
      throw new WorkError(`Clip ${file} is not a usable WAV file (${found}); clear the cache entry.`);
    return found;
  } finally {
    closeSync(fd);
  }
}

/** True when the clip is already mono 16-bit PCM, the episode's working format. */
export function isMonoPcm16(info: WavInfo): boolean {
  return info.formatTag === PCM && info.channels === 1 && info.bitsPerSample === 16;
}

function toMono(data: Buffer, format: Format, source: string): Int16Array {
  const { tag, channels, bits } = format;
  const readers: Record<string, (at: number) => number> = {
    [`${PCM}:16`]: (at) => data.readInt16LE(at),
    [`${FLOAT}:32`]: (at) => Math.round(Math.max(-1, Math.min(1, data.readFloatLE(at))) * 32767),
  };
  const read = readers[`${tag}:${bits}`];
  if (!read || channels < 1) {
    throw new WorkError(
      `${source} is ${bits}-bit format ${tag} with ${channels} channel(s); only 16-bit PCM and 32-bit float WAV are read.`,
    );
  }
  const frameBytes = (bits / 8) * channels;
  const frames = Math.floor(data.length / frameBytes);
  if (LITTLE_ENDIAN && tag === PCM && channels === 1) {
    const copy = new Int16Array(frames);
    Buffer.from(copy.buffer).set(data.subarray(0, frames * 2));
    return copy;
  }
  const samples = new Int16Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel++)
      sum += read(frame * frameBytes + (channel * bits) / 8);
    samples[frame] = Math.round(sum / channels);
  }
  return samples;
}

/** Raw little-endian int16 PCM (as `response_format: "pcm"` or `--raw` programs give) → Audio. */
export function parsePcm16(buffer: Uint8Array, sampleRate: number, channels = 1): Audio {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return { sampleRate, samples: toMono(bytes, { tag: PCM, channels, sampleRate, bits: 16 }, "raw PCM") };
}

/** A canonical 44-byte-header mono PCM16 WAV, which ffmpeg and every player read. */
export function writeWav(audio: Audio): Buffer {
  const dataBytes = audio.samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write("WAVEfmt ", 8, "ascii");
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(PCM, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(audio.sampleRate, 24);
  out.writeUInt32LE(audio.sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36, "ascii");
  out.writeUInt32LE(dataBytes, 40);
  const { buffer, byteOffset } = audio.samples;
  if (LITTLE_ENDIAN) Buffer.from(buffer, byteOffset, dataBytes).copy(out, 44);
  else for (let i = 0; i < audio.samples.length; i++) out.writeInt16LE(audio.samples[i] ?? 0, 44 + i * 2);
  return out;
}

/** Seconds of audio, for progress lines and real-time ratios. */
export function durationSeconds(audio: Audio): number {
  return audio.samples.length / audio.sampleRate;
}
