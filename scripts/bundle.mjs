// Bundles the compiled command line (dist/cli/main.js) into dist/cli-bundle/, which
// bin/presscast.js runs. Node loads an ES module file by file, and the command's pure-JavaScript
// dependencies come as hundreds of small files (zod, yaml, the XML writer): one module graph in a
// few files starts about a third faster. Each command's and stage's dynamic imports stay separate
// chunks, loaded when used. Packages that find files beside themselves (WebAssembly, native
// addons, the ffmpeg binary, Redis scripts) or load only for one command stay in node_modules.
// The library (dist/index.js) is not bundled.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const EXTERNAL = [
  "@echogarden/*",
  "@ffmpeg-installer/*",
  "@mozilla/readability",
  "@napi-rs/canvas",
  "bullmq",
  "ioredis",
  "linkedom",
  "music-metadata",
  "node-id3",
  "say",
  "send",
  "undici",
];

const outdir = join(root, "dist", "cli-bundle");
// Chunks are named by their content: the old ones go, so none is left from an earlier build.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, "dist", "cli", "main.js")],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: EXTERNAL,
  // The CommonJS dependencies inside call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __presscastRequire } from "node:module"; const require = __presscastRequire(import.meta.url);',
  },
  logLevel: "warning",
});
