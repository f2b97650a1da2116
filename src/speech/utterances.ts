/**
 * Script → utterances: the title (or the intro that reads it), chapter headings, every segment and
 * the outro, cut into sentence-sized pieces, each with its voice, its spoken form and the silence
 * after it. Pauses grow with the boundary: clause < sentence < paragraph < turn < chapter, and a
 * title is followed by its own; the outro follows a chapter's pause.
 */
import { InputError } from "../errors.js";
import type { Script, Utterance, Voice } from "../types.js";
import { applyLexicon, type Lexicon } from "./lexicon.js";
import { articleContext, normalize } from "./normalize/index.js";
import type { Pauses, VoiceProfile } from "./profile-schema.js";
import { splitLong, splitSentences } from "./sentences.js";
import { assignVoices, voicesForLanguage } from "./voice-choice.js";

/** Characters per engine call when the caller gives no limit. default: 400 */
export const DEFAULT_MAX_CHARS = 400;

export interface UtteranceOptions {
  /** The longest text an engine takes at once, by engine name. default: 400 for every engine */
  maxChars?: (engine: string) => number;
  /** Pronunciations applied before normalisation (see loadLexicon). default: none */
  lexicon?: Lexicon;
  /**
   * The narrator's intro (read instead of the bare title) and outro (after the last chapter), as
   * `announcements` makes them. default: none, the title alone
   */
  announce?: { intro?: string; outro?: string };
}

type Kind = "title" | "heading" | "body" | "outro";
interface Part extends Omit<Utterance, "pauseAfterMs"> {
  kind: Kind;
  /** Which title, heading or segment the part came from. */
  block: number;
  /** Which sentence of that block; pieces of one long sentence share it. */
  sentence: number;
}

/**
 * The utterances of a script in reading order. Title and chapter headings are read by the narrator
 * and carry `segment: -1`; a heading equal to the episode title is not read twice. A sentence whose
 * spoken form has no letters or digits (a lone dash) is left out, since no engine can say it.
 */
export function toUtterances(
  script: Script,
  profile: VoiceProfile,
  opts: UtteranceOptions = {},
): Utterance[] {
  const language = script.meta.language || "en";
  const lexicon = opts.lexicon ?? {};
  const maxChars = opts.maxChars ?? (() => DEFAULT_MAX_CHARS);
  const voices = assignVoices(profile, script);
  const narrator = script.speakers.find((speaker) => speaker.role === "narrator");
  const narratorId = narrator?.id ?? "narrator";
  const narratorVoice = voicesForLanguage(profile, language).roles.narrator;
  const parts: Part[] = [];
  let block = 0;

  const context = articleContext(scriptText(script), language);
  const speak = (text: string, voice: Voice): string =>
    normalize(applyLexicon(text, lexicon, language), language, voice.engine, context);
  const fitSpoken = (piece: string, voice: Voice, limit: number): Array<[string, string]> => {
    const spoken = speak(piece, voice);
    if (spoken.length <= limit) return [[piece, spoken]];
    const smaller = Math.max(1, Math.floor((piece.length * limit) / spoken.length) - 1);
    const pieces = splitLong(piece, smaller);
    if (pieces.length > 1) return pieces.flatMap((part) => fitSpoken(part, voice, limit));
    // One written word that reads longer than the limit (a long number spelled out): its spoken
    // form is cut instead, and the transcript shows the word once, with the first piece.
    return splitLong(spoken, limit).map((part, i): [string, string] => [i === 0 ? piece : "", part]);
  };
  const add = (text: string, kind: Kind, chapter: number, segment: number, speaker: string, voice: Voice) => {
    block += 1;
    const limit = Math.max(1, maxChars(voice.engine));
    splitSentences(text, language).forEach((sentence, index) => {
      for (const piece of splitLong(sentence, limit)) {
        for (const [written, spoken] of fitSpoken(piece, voice, limit)) {
          if (!/[\p{L}\p{N}]/u.test(spoken)) continue;
          parts.push({
            chapter,
            segment,
            speaker,
            text: written,
            spoken,
            voice,
            kind,
            block,
            sentence: index,
          });
        }
      }
    });
  };

  const title = script.meta.title.trim();
  const intro = opts.announce?.intro?.trim();
  if (intro) add(intro, "title", 0, -1, narratorId, narratorVoice);
  else if (title) add(title, "title", 0, -1, narratorId, narratorVoice);
  script.chapters.forEach((chapter, chapterIndex) => {
    const heading = chapter.title.trim();
    if (heading && heading.toLowerCase() !== title.toLowerCase()) {
      add(heading, "heading", chapterIndex, -1, narratorId, narratorVoice);
    }
    chapter.segments.forEach((segment, segmentIndex) => {
      const voice = voices.get(segment.speaker);
      if (!voice) {
        const known = script.speakers.map((speaker) => speaker.id).join(", ");
        throw new InputError(
          `Chapter ${chapterIndex + 1}, segment ${segmentIndex + 1} names speaker "${segment.speaker}", who is not among the script's speakers (${known}); add the speaker or fix the segment.`,
        );
      }
      add(segment.text, "body", chapterIndex, segmentIndex, segment.speaker, voice);
    });
  });

  const outro = opts.announce?.outro?.trim();
  if (outro && script.chapters.length > 0)
    add(outro, "outro", Math.max(0, script.chapters.length - 1), -1, narratorId, narratorVoice);

  return parts.map((part, index) => {
    const { kind: _kind, block: _block, sentence: _sentence, ...utterance } = part;
    return { ...utterance, pauseAfterMs: pauseBetween(part, parts[index + 1], profile.pauses) };
  });
}

/** Everything the script says, for what one sentence's reading needs from the others (date order). */
function scriptText(script: Script): string {
  const parts = [script.meta.title];
  for (const chapter of script.chapters) {
    parts.push(chapter.title, ...chapter.segments.map((segment) => segment.text));
  }
  return parts.join("\n");
}

function pauseBetween(current: Part, next: Part | undefined, pauses: Pauses): number {
  if (!next) return 0;
  if (next.block === current.block)
    return next.sentence === current.sentence ? pauses.clause : pauses.sentence;
  if (next.kind === "outro") return pauses.chapter;
  if (current.kind !== "body") return pauses.title;
  if (next.chapter !== current.chapter) return pauses.chapter;
  return next.speaker === current.speaker ? pauses.paragraph : pauses.turn;
}
