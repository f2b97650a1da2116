/**
 * Voice profiles: which engine and voice speaks each role, per language, and the pauses between
 * parts. Loaded and checked once, where the file enters; later stages trust the result. The engine
 * registry is passed in as `check` so this module needs no engine and tests need no audio.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { InputError } from "../errors.js";
import { readLimitedText } from "../input-file.js";
import { readProfileData, type VoiceProfile, type VoiceUse } from "./profile-schema.js";

export type { Pauses, RoleName, VoiceProfile, VoiceSet } from "./profile-schema.js";
export { assignVoices, voiceFor, voicesForLanguage } from "./voice-choice.js";

/** The folder holding package.json, found from this module so it works from src/ and dist/ alike. */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let folder = from;
  while (!existsSync(join(folder, "package.json"))) {
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error(`No package.json above ${from}; presscast's files are incomplete.`);
    folder = parent;
  }
  return folder;
}

/** voices/default.yaml in the installed package: flite for English, eSpeak for other languages. */
export const defaultProfilePath: string = join(packageRoot(), "voices", "default.yaml");

/** voices/lexicon.yaml in the installed package, applied before a profile's own lexicons. */
export const defaultLexiconPath: string = join(packageRoot(), "voices", "lexicon.yaml");

/** A voice profile is a page of YAML; 1 MB is far beyond any. */
const MAX_PROFILE_BYTES = 1024 * 1024;

/** Returns an engine's voice ids, or null when no engine has that name. */
export type EngineCheck = (engine: string) => Promise<string[] | null>;

/**
 * Reads and checks a voice profile. Every engine it names must be known to `check` and every voice
 * must be one of that engine's; an engine that lists no voices (a cloud API) is taken on trust.
 * `engines`, when given, is listed in the message for an unknown engine.
 */
export async function loadProfile(
  file: string,
  check: EngineCheck,
  engines: readonly string[] = [],
): Promise<VoiceProfile> {
  const { profile, checkVoices } = await readProfile(file);
  await checkVoices(check, engines);
  return profile;
}

/**
 * Reads and checks a voice profile as `loadProfile` does, but for its voices: `checkVoices` checks
 * those against the engines when asked (a build that speaks nothing need not load any engine).
 */
export async function readProfile(file: string): Promise<{
  profile: VoiceProfile;
  checkVoices: (check: EngineCheck, engines?: readonly string[]) => Promise<void>;
}> {
  const { profile, uses } = await readProfileFile(file);
  return { profile, checkVoices: (check, engines = []) => checkVoices(file, uses, check, engines) };
}

/**
 * The profile's default language, read without loading any engine (for `presscast script`, which
 * speaks nothing). The profile is checked as `loadProfile` checks it, except for its voices.
 */
export async function profileLanguage(file: string = defaultProfilePath): Promise<string> {
  return (await readProfileFile(file)).profile.language;
}

async function readProfileFile(file: string): Promise<ReturnType<typeof readProfileData>> {
  const text = await readLimitedText(file, {
    what: `Voice profile ${file}`,
    maxBytes: MAX_PROFILE_BYTES,
    hint: `; name a YAML file such as ${defaultProfilePath}`,
  });
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new InputError(`Voice profile ${file} is not valid YAML: ${yamlReason(error)}.`);
  }
  return readProfileData(file, data);
}

/**
 * What is wrong, by the parser's error code and position only: its message quotes the offending
 * line, and a file presscast cannot parse may be something private named by mistake.
 */
export function yamlReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const what = typeof code === "string" ? code.toLowerCase().replace(/_/g, " ") : "unreadable YAML";
  const pos = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
  return pos ? `${what} (line ${pos.line}, column ${pos.col})` : what;
}

/** Shows at most `limit` names, so a 140-voice engine does not fill the terminal. */
function listNames(names: readonly string[], limit = 24): string {
  const shown = names.slice(0, limit).join(", ");
  return names.length > limit
    ? `${shown} and ${names.length - limit} more (see \`presscast voices\`)`
    : shown;
}

/**
 * True when `voice` is one of `ids`. eSpeak's "fr+m3" is voice "fr" with variant "m3", and eSpeak
 * takes a bare language ("fr", "en") for a voice it lists by its full tag ("fr-fr", "en-gb").
 */
export function voiceExists(voice: string, ids: readonly string[]): boolean {
  const wanted = voice.toLowerCase();
  const base = wanted.split("+")[0] ?? wanted;
  return ids.some((id) => {
    const known = id.toLowerCase();
    if (known === wanted || known === base || known.endsWith(`/${base}`)) return true;
    return !base.includes("-") && known.split("-")[0] === base;
  });
}

async function checkVoices(
  file: string,
  uses: readonly VoiceUse[],
  check: EngineCheck,
  engines: readonly string[],
): Promise<void> {
  const voicesOf = new Map<string, Promise<string[] | null>>();
  for (const { path, voice } of uses) {
    let pending = voicesOf.get(voice.engine);
    if (!pending) {
      pending = check(voice.engine);
      voicesOf.set(voice.engine, pending);
    }
    const ids = await pending;
    const enginePath = path.startsWith("engines.") ? path : `${path}.engine`;
    if (ids === null) {
      const known = engines.length
        ? `the engines are ${engines.join(", ")}`
        : "run `presscast voices` to list the engines";
      throw new InputError(
        `Voice profile ${file}: ${enginePath} "${voice.engine}" is not a known engine; ${known}.`,
      );
    }
    if (!voice.voice || ids.length === 0 || voiceExists(voice.voice, ids)) continue;
    throw new InputError(
      `Voice profile ${file}: ${path}.voice "${voice.voice}" is not a voice of engine ${voice.engine}; its voices are ${listNames(ids)}.`,
    );
  }
}
