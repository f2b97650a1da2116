// Runs on `npm install`: compiles and bundles the TypeScript so `npx presscast` works at once, and
// makes the bundled ffmpeg executable (npm here skips dependencies' postinstall scripts,
// which is where @ffmpeg-installer would normally do it).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
if (existsSync(tsc)) {
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  // The command line runs bundled (see scripts/bundle.mjs).
  execFileSync(process.execPath, [join(root, "scripts", "bundle.mjs")], { stdio: "inherit" });
}
try {
  const require = createRequire(import.meta.url);
  const { path } = require("@ffmpeg-installer/ffmpeg");
  if (existsSync(path)) chmodSync(path, 0o755);
} catch {
  // No bundled ffmpeg for this platform: FFMPEG_PATH or --ffmpeg must name one.
}
