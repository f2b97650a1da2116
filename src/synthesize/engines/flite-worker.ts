/**
 * The source of a flite child process (see worker-pool.ts). It is a string run with `node -e`
 * so the same code runs from src/ (tests) and dist/ (the CLI). The child compiles the module
 * once; each request runs a fresh WASI instance of it in the engine's temp folder (files named by request id, so workers never collide) and writes
 * the WAV at the path the request names; the reply is its format and peak, not its audio.
 */
export const FLITE_WORKER_SOURCE = String.raw`
const fs = require("node:fs");
const path = require("node:path");

// node:wasi prints "WASI is an experimental feature" on Node 20; it is noise to a user.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === "string" ? rest[0] : rest[0] && rest[0].type;
  if (type === "ExperimentalWarning" && String(warning).includes("WASI")) return;
  return emitWarning.call(process, warning, ...rest);
};
const { WASI } = require("node:wasi");
const { wasm, dir } = workerData;
const module = new WebAssembly.Module(fs.readFileSync(wasm));

// Measured on Node 20.20: with four finished flite instances still uncollected, the fifth
// crashes the whole process (SIGSEGV), whatever the text or V8 compiler flags. A full GC
// after each call avoids it, and costs a few milliseconds against ~50-500 of synthesis.
require("node:v8").setFlagsFromString("--expose-gc");
const collect = require("node:vm").runInNewContext("gc");

// Runs one call to its end in a plain function, so that when it returns nothing on any stack
// still holds the instance: the collection after it then frees the instance's 24 MB of linear
// memory at once, instead of one call later (two live memories per worker, measured).
// The WAV goes straight to the caller's folder, mounted as /out.
function speak(args, input, output, fd) {
  const wasi = new WASI({
    version: "preview1",
    args: ["flite", ...args, "-f", input, "/out/" + path.basename(output)],
    env: {},
    preopens: { ".": dir, "/out": path.dirname(output) },
    stdout: fd,
    stderr: fd,
    returnOnExit: true,
  });
  return wasi.start(new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport }));
}

// What the caller needs to know of the WAV flite wrote, read here so the audio itself never
// crosses to the main thread. Flite writes one shape: RIFF, a PCM fmt chunk, then data.
function describe(file) {
  const bytes = fs.readFileSync(file);
  if (bytes.toString("latin1", 0, 4) !== "RIFF" || bytes.toString("latin1", 8, 12) !== "WAVE")
    throw new Error("it wrote no WAV file");
  let shape;
  let sampleRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString("latin1", at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === "fmt ") {
      shape = [bytes.readUInt16LE(at + 8), bytes.readUInt16LE(at + 10), bytes.readUInt16LE(at + 22)].join("/");
      sampleRate = bytes.readUInt32LE(at + 12);
    } else if (id === "data") {
      if (shape !== "1/1/16") throw new Error("it wrote WAV format " + shape + ", not mono 16-bit PCM");
      const end = Math.min(at + 8 + size, bytes.length) & ~1;
      let peak = 0;
      for (let p = at + 8; p < end; p += 2) peak = Math.max(peak, Math.abs(bytes.readInt16LE(p)));
      return { sampleRate, samples: (end - at - 8) / 2, peak };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error("its WAV file has no data chunk");
}

parentPort.on("message", ({ id, args, text, output }) => {
  const names = { input: id + ".txt", log: id + ".log" };
  const at = (name) => path.join(dir, name);
  try {
    fs.writeFileSync(at(names.input), text);
    const fd = fs.openSync(at(names.log), "w");
    let code;
    try {
      code = speak(args, names.input, output, fd);
    } finally {
      fs.closeSync(fd);
    }
    if (code !== 0) {
      const log = fs.readFileSync(at(names.log), "utf8").trim().split("\n").slice(-3).join(" | ");
      throw new Error("flite exited with code " + code + (log ? ": " + log : ""));
    }
    parentPort.postMessage({ ok: true, result: describe(output) });
  } catch (error) {
    const message = error && error.message ? error.message : String(error);
    parentPort.postMessage({ ok: false, error: "The flite engine failed: " + message + "." });
  } finally {
    for (const name of Object.values(names)) fs.rmSync(at(name), { force: true });
    collect();
    collect();
  }
});
`;
