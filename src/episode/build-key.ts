/**
 * The build key: a hash of everything an episode's audio depends on. A manifest whose key matches
 * a new build's, beside audio of the size it names, means the episode is already as it would be.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Script } from "../types.js";
import type { BuildOptions } from "./build.js";
import type { LoadedVoices } from "./voices.js";

/** Bumped when a change to presscast makes old episodes worth rebuilding. */
const BUILD_VERSION = 2;

/** Everything the audio depends on, hashed: the script, the voices and lexicon, the format. */
export function buildKey(script: Script, opts: BuildOptions, voices: LoadedVoices): string {
  const { file: _file, ...profile } = voices.profile;
  // Which episode it replaces names the files, not the audio; where the output folder and the
  // cover are mounted differs between machines (the cover's bytes are hashed below).
  const { replaces: _replaces, output: _output, cover: _cover, ...audioOpts } = opts;
  const inputs = {
    v: BUILD_VERSION,
    script: { ...script, dropped: [] },
    profile,
    lexicon: voices.lexicon,
    opts: audioOpts,
    cover: opts.cover ? createHash("sha256").update(readFileSync(opts.cover)).digest("hex") : null,
  };
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex");
}
