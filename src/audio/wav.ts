/**
 * RIFF/WAVE reading and writing for the one shape presscast stores: mono 16-bit PCM.
 * Engines hand back WAVs in several dialects (PCM16 or float32, mono or stereo, extensible
 * headers, streaming sizes); everything is brought to `Audio` here and nowhere else.
 */
import { endianness } from "node:os";
import { WorkError } from "../errors.js";
import type { Audio } from "../synthesize/engine.js";

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;
const LITTLE_ENDIAN = endianness() === "LE";

interface Format {
  tag: number;
  channels: number;
  sampleRate: number;
  bits: number;
}

/**
 * Parses a WAV file into mono int16 audio. Stereo is averaged, float32 is scaled; a data chunk
 * whose size overruns the file (streamed WAVs write 0xFFFFFFFF) is read to the end of the file.
 * `source` names the file or engine in the error message.
 */
export function parseWav(buffer: Uint8Array, source = "audio"): Audio {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (
    bytes.length < 12 ||
    bytes.toString("ascii", 0, 4) !== "RIFF" ||
    bytes.toString("ascii", 8, 12) !== "WAVE"
  ) {
    throw new WorkError(`${source} is not a WAV file (no RIFF/WAVE header); expected PCM WAV audio.`);
  }
  let format: Format | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString("ascii", offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ") {
      format = readFormat(bytes, body, size);
    } else if (id === "data") {
      if (!format)
        throw new WorkError(`${source} has its data chunk before the fmt chunk; the WAV is malformed.`);
      const end = Math.min(body + size, bytes.length);
      return { sampleRate: format.sampleRate, samples: toMono(bytes.subarray(body, end), format, source) };
    }
    offset = body + size + (size % 2);
  }
  throw new WorkError(
    `${source} has no ${format ? "data" : "fmt"} chunk; the WAV is truncated or malformed.`,
  );
}

function readFormat(bytes: Buffer, body: number, size: number): Format {
  let tag = bytes.readUInt16LE(body);
  if (tag === EXTENSIBLE && size >= 26) tag = bytes.readUInt16LE(body + 24);
  return {
    tag,
    channels: bytes.readUInt16LE(body + 2),
    sampleRate: bytes.readUInt32LE(body + 4),
    bits: bytes.readUInt16LE(body + 14),
  };
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
