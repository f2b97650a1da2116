import { InputError } from "../errors.js";
import { type Lexicon, loadLexicon } from "../speech/lexicon.js";
import { defaultLexiconPath, defaultProfilePath, loadProfile, type VoiceProfile } from "../speech/profile.js";
import type { Engine } from "../synthesize/engine.js";
import { engineNames, loadEngine } from "../synthesize/registry.js";

export interface LoadedVoices {
  profile: VoiceProfile;
  lexicon: Lexicon;
  /** The longest text each engine takes in one call. */
  maxChars: (engine: string) => number;
}

/**
 * The voice profile (default or `--voices`), checked against the engines that are really here,
 * and the lexicons it names. Engines are loaded only when the profile uses them.
 */
export async function loadVoices(file: string | undefined): Promise<LoadedVoices> {
  const engines = new Map<string, Engine>();
  const check = async (name: string): Promise<string[] | null> => {
    if (!engineNames().includes(name)) return null;
    const engine = await loadEngine(name);
    engines.set(name, engine);
    return (await engine.voices()).map((voice) => voice.id);
  };
  const profile = await loadProfile(file ?? defaultProfilePath, check, engineNames());
  const lexicon = await loadLexicon([defaultLexiconPath, ...profile.lexicons]);
  return {
    profile,
    lexicon,
    maxChars: (name) => {
      const engine = engines.get(name);
      if (!engine) throw new InputError(`${profile.file} uses the engine "${name}", which did not load.`);
      return engine.maxChars;
    },
  };
}
