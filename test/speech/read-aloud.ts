/**
 * The text an article's sentence becomes on its way to the engine, through the real path: the
 * default voice profile and lexicon, sentence splitting, the lexicon and the language's rules. Each
 * sentence the splitter makes is one utterance, so a sentence split in two shows as " | ".
 */
import { loadVoices } from "../../src/episode/voices.js";
import { toUtterances } from "../../src/speech/utterances.js";
import type { Script } from "../../src/types.js";

const voices = await loadVoices(undefined);

/** Every utterance's spoken text for `text` read by the narrator in `language`, joined by " | ". */
export function readAloud(text: string, language: string): string {
  const script: Script = {
    meta: { title: "", language },
    speakers: [{ id: "narrator", role: "narrator" }],
    chapters: [{ title: "", segments: [{ speaker: "narrator", text }] }],
    dropped: [],
  };
  return toUtterances(script, voices.profile, { lexicon: voices.lexicon, maxChars: voices.maxChars })
    .map((utterance) => utterance.spoken)
    .join(" | ");
}
