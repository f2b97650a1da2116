/**
 * The source of a flite child process (see worker-pool.ts). It is a string run with `node -e`
 * so the same code runs from src/ (tests) and dist/ (the CLI). The child compiles the module once
 * (its code only: the voices' data is copied into an instance's memory from the file, see
 * wasm-segments.ts) and keeps one instance of it: Flite is a command (its `_start` runs once per
 * instance), so before each call the instance's memory is put back as instantiation left it (the
 * writable data segments copied in, everything after them zeroed) and `_start` runs again with
 * the call's arguments. The text goes in and the WAV comes out through files held in memory (see
 * wasi-memory.ts); the WAV is written at the path the request names, and the reply is its
 * format and peak, not its audio.
 *
 * A fresh instance replaces the kept one whenever a call did not end by returning from `_start`
 * (an exit or a trap leaves the stack pointer, which lives outside memory, where it was), and
 * when a long text has grown its memory past MAX_KEPT_MEMORY, so an engine process stays small.
 */
import { WASI_MEMORY_SOURCE } from "./wasi-memory.js";
import { WASM_SEGMENTS_SOURCE } from "./wasm-segments.js";

export const FLITE_WORKER_SOURCE = `${WASI_MEMORY_SOURCE}\n${WASM_SEGMENTS_SOURCE}\n${String.raw`
const fs = require("node:fs");

const MAX_KEPT_MEMORY = 48 * 1024 * 1024;
const { wasm, reuse } = workerData;
// Compiled in a function, so the file's bytes are garbage once it returns.
const { module, segments, end, writable } = (() => {
  const bytes = fs.readFileSync(wasm);
  const parts = splitModule(bytes);
  const copy = (s) => ({ offset: s.offset, data: Uint8Array.from(bytes.subarray(s.start, s.start + s.length)) });
  return { module: new WebAssembly.Module(parts.code), segments: parts.segments, end: parts.end, writable: parts.segments.filter((s) => !s.readOnly).map(copy) };
})();
const host = memoryWasi();
let instance;
let used = false;

/** A new instance with every data segment in place, read from the file for the moment it takes. */
function instantiate() {
  const made = new WebAssembly.Instance(module, { wasi_snapshot_preview1: host.imports });
  const memory = new Uint8Array(made.exports.memory.buffer);
  const file = fs.openSync(wasm, "r");
  try {
    for (const s of segments) fs.readSync(file, memory, s.offset, s.length, s.start);
  } finally {
    fs.closeSync(file);
  }
  return made;
}

/** The kept instance, ready for a call: fresh, or with its memory as a fresh one's. */
function ready() {
  if (!instance) {
    instance = instantiate();
    host.bind(instance.exports.memory);
    used = false;
  } else if (used) {
    const memory = new Uint8Array(instance.exports.memory.buffer);
    for (const segment of writable) memory.set(segment.data, segment.offset);
    memory.fill(0, end);
  }
  used = true;
  return instance;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The largest absolute 16-bit sample in wav's bytes [from, to), read through an Int16Array where
 * the host's byte order is the file's and the samples are aligned (always, for Flite's 44-byte
 * header): over the seed's 64 calls, 31 ms of CPU instead of 64 ms with readInt16LE.
 */
function peakOf(wav, from, to) {
  let peak = 0;
  if (LITTLE_ENDIAN && (wav.byteOffset + from) % 2 === 0) {
    const samples = new Int16Array(wav.buffer, wav.byteOffset + from, (to - from) / 2);
    for (let i = 0; i < samples.length; i++) {
      const value = samples[i];
      const magnitude = value < 0 ? -value : value;
      if (magnitude > peak) peak = magnitude;
    }
  } else {
    for (let p = from; p < to; p += 2) peak = Math.max(peak, Math.abs(wav.readInt16LE(p)));
  }
  return peak;
}

// What the caller needs to know of the WAV flite wrote. Flite writes one shape: RIFF, a PCM fmt
// chunk, then data.
function describe(wav) {
  if (!wav || wav.toString("latin1", 0, 4) !== "RIFF" || wav.toString("latin1", 8, 12) !== "WAVE")
    throw new Error("it wrote no WAV file");
  let shape;
  let sampleRate = 0;
  for (let at = 12; at + 8 <= wav.length; ) {
    const id = wav.toString("latin1", at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === "fmt ") {
      shape = [wav.readUInt16LE(at + 8), wav.readUInt16LE(at + 10), wav.readUInt16LE(at + 22)].join("/");
      sampleRate = wav.readUInt32LE(at + 12);
    } else if (id === "data") {
      if (shape !== "1/1/16") throw new Error("it wrote WAV format " + shape + ", not mono 16-bit PCM");
      const end = Math.min(at + 8 + size, wav.length) & ~1;
      return { sampleRate, samples: (end - at - 8) / 2, peak: peakOf(wav, at + 8, end) };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error("its WAV file has no data chunk");
}

/** Runs flite once; the WAV's bytes, or a thrown error saying why there are none. */
function speak(args, text) {
  const flite = ready();
  host.reset(["flite", ...args, "-f", "in.txt", "out.wav"], { "in.txt": Buffer.from(text, "latin1") });
  try {
    flite.exports._start();
  } catch (error) {
    instance = undefined;
    if (error instanceof WasiExit && error.code === 0) return host.file("out.wav");
    const log = host.log.trim().split("\n").slice(-3).join(" | ");
    const exited = error instanceof WasiExit;
    const why = exited ? "exited with code " + error.code : "crashed: " + error.message;
    // A trap (abort, a bad memory access) is a crash like a dead process: the caller retries in halves.
    throw Object.assign(new Error("flite " + why + (log ? ": " + log : "")), { crashed: !exited });
  }
  if (!reuse || instance.exports.memory.buffer.byteLength > MAX_KEPT_MEMORY) instance = undefined;
  return host.file("out.wav");
}

parentPort.on("message", ({ args, text, output }) => {
  try {
    const wav = speak(args, text);
    const facts = describe(wav);
    fs.writeFileSync(output, wav);
    parentPort.postMessage({ ok: true, result: facts });
  } catch (error) {
    const message = error && error.message ? error.message : String(error);
    const crashed = Boolean(error && error.crashed);
    parentPort.postMessage({ ok: false, error: "The flite engine failed: " + message + ".", crashed });
  }
});

// The first text a process speaks runs WebAssembly that V8 is still compiling. One short
// throwaway text spoken at start-up, before any request is read, gets that done sooner: the
// first real sentence was answered 190-210 ms after the process started instead of 245-270,
// whether it was asked at once or 60 ms later. A failure here only means a fresh instance.
try {
  speak(["-voice", "slt"], "Ready.");
} catch {}
`}`;
