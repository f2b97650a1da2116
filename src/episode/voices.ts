import { InputError } from "../errors.js";
import { type Lexicon, loadLexicon } from "../speech/lexicon.js";
import { defaultLexiconPath, defaultProfilePath, readProfile, type VoiceProfile } from "../speech/profile.js";
import { closeEngine, engineNames, loadEngine } from "../synthesize/registry.js";

export interface LoadedVoices {
  profile: VoiceProfile;
  lexicon: Lexicon;
  /** The longest text each engine takes in one call (once the voices are checked). */
  maxChars: (engine: string) => number;
  /**
   * Checks the profile's engines and voices against the engines here, once; later calls share
   * the answer. Already done when loaded without `checkLater`.
   */
  checked?: () => Promise<void>;
}

export interface LoadVoicesOptions {
  /**
   * Leave the check of the profile's engines and voices to `checked()`, called before speaking:
   * an unchanged episode is answered without loading any engine. default: false, checked now
   */
  checkLater?: boolean;
}

/**
 * The voice profile (default or `--voices`), checked against the engines that are really here,
 * and the lexicons it names. Engines are loaded only when the profile uses them.
 */
export async function loadVoices(
  file: string | undefined,
  cacheDir?: string,
  options: LoadVoicesOptions = {},
): Promise<LoadedVoices> {
  const limits = new Map<string, number>();
  // With a cache folder, an engine may keep what it learns of its voices there (eSpeak does).
  const checkWith = cacheDir ? { cacheDir } : undefined;
  const check = async (name: string): Promise<string[] | null> => {
    if (!engineNames().includes(name)) return null;
    const engine = await loadEngine(name, checkWith);
    limits.set(name, engine.maxChars);
    return (await engine.voices()).map((voice) => voice.id);
  };
  const { profile, checkVoices } = await readProfile(file ?? defaultProfilePath);
  let checking: Promise<void> | undefined;
  const checked = () => {
    checking ??= (async () => {
      await checkVoices(check, engineNames());
      // Listing eSpeak's voices starts its WebAssembly module (about 70 MB), and an English episode
      // never speaks with it: the engines loaded to check go once checked (those loaded to speak,
      // with other options, stay), and synthesis loads the ones it uses.
      await Promise.all([...limits.keys()].map((name) => closeEngine(name, checkWith)));
    })();
    return checking;
  };
  if (!options.checkLater) await checked();
  const lexicon = await loadLexicon([defaultLexiconPath, ...profile.lexicons]);
  return {
    profile,
    lexicon,
    maxChars: (name) => {
      const limit = limits.get(name);
      if (limit === undefined)
        throw new InputError(`${profile.file} uses the engine "${name}", which did not load.`);
      return limit;
    },
    checked,
  };
}
