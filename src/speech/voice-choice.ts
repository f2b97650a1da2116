/**
 * Which voice speaks for whom. Roles map straight to the profile; named speakers (role "speaker")
 * draw from the host and guest voices and then the pool, skipping voices already in the episode,
 * so a listener can tell every speaker apart. When the profile runs out of voices they come round
 * again with a pitch shift rather than repeat exactly.
 */
import type { Script, Speaker, Voice } from "../types.js";
import type { VoiceProfile, VoiceSet } from "./profile-schema.js";

/** Pitch offsets in semitones for the second, third... round through the voices. */
const PITCH_ROUNDS = [0, 3, -3, 6, -6, 9];

/** The profile's voices for a language: the full tag's override, else its primary subtag's, else the defaults. */
export function voicesForLanguage(profile: VoiceProfile, language: string): VoiceSet {
  const tag = language.toLowerCase().replace("_", "-");
  const override = profile.languages[tag] ?? profile.languages[tag.split("-")[0] ?? ""];
  if (!override) {
    const primary = tag.split("-")[0] ?? "";
    const englishOnly = Object.values(profile.roles).some((voice) => ENGLISH_ONLY_ENGINES.has(voice.engine));
    // An English-only engine would read another language as English: use eSpeak's voice for it.
    if (primary && primary !== "en" && englishOnly) return espeakVoices(primary, profile.roles.narrator.rate);
    return { roles: profile.roles, pool: profile.pool };
  }
  return { roles: { ...profile.roles, ...override.roles }, pool: override.pool ?? profile.pool };
}

/** Engines that speak English only (Flite's voices are all English). */
const ENGLISH_ONLY_ENGINES = new Set(["flite"]);

/** eSpeak NG's variants of one language: a female narrator, two male interview voices, more for the pool. */
function espeakVoices(language: string, rate: number | undefined): VoiceSet {
  // eSpeak lists Mandarin as "cmn"; pages declare it "zh".
  const name = language === "zh" ? "cmn" : language;
  const voice = (variant: string): Voice => ({
    engine: "espeak",
    voice: `${name}+${variant}`,
    ...(rate ? { rate } : {}),
  });
  return {
    roles: { narrator: voice("f3"), host: voice("m3"), guest: voice("m1") },
    pool: [voice("f4"), voice("m7"), voice("f2"), voice("m5")],
  };
}

/** The voices a named speaker may take, in order of preference. */
function candidates(set: VoiceSet): Voice[] {
  return [set.roles.host, set.roles.guest, ...set.pool];
}

/**
 * The voice of `speaker` in a script in `language`. For a named speaker `index` picks from the host
 * voice, the guest voice and then the pool; past the end it wraps round with a pitch shift.
 * `assignVoices` chooses indexes so no two speakers of one episode share a voice.
 */
export function voiceFor(profile: VoiceProfile, language: string, speaker: Speaker, index = 0): Voice {
  const set = voicesForLanguage(profile, language);
  if (speaker.role !== "speaker") return set.roles[speaker.role];
  const list = candidates(set);
  const base = list[index % list.length] ?? set.roles.host;
  const round = Math.floor(index / list.length);
  if (round === 0) return base;
  const shift = PITCH_ROUNDS[round % PITCH_ROUNDS.length] ?? 0;
  return { ...base, pitch: (base.pitch ?? 0) + shift };
}

/** A key equal for two voices a listener would hear as the same. */
export function voiceKey(voice: Voice): string {
  return `${voice.engine}\u0000${voice.voice.toLowerCase()}\u0000${voice.pitch ?? 0}`;
}

/**
 * A voice for every speaker of the script, each distinct. The narrator's voice is always taken
 * (it reads the title); host and guest keep their role voices; named speakers take the next free
 * voice in `voiceFor`'s order.
 */
export function assignVoices(profile: VoiceProfile, script: Script): Map<string, Voice> {
  const language = script.meta.language;
  const voices = new Map<string, Voice>();
  const used = new Set<string>([voiceKey(voicesForLanguage(profile, language).roles.narrator)]);
  for (const speaker of script.speakers) {
    if (speaker.role === "speaker") continue;
    const voice = voiceFor(profile, language, speaker);
    voices.set(speaker.id, voice);
    used.add(voiceKey(voice));
  }
  const limit = candidates(voicesForLanguage(profile, language)).length * PITCH_ROUNDS.length;
  let next = 0;
  for (const speaker of script.speakers) {
    if (speaker.role !== "speaker") continue;
    let voice = voiceFor(profile, language, speaker, next);
    while (used.has(voiceKey(voice)) && next < limit) {
      next += 1;
      voice = voiceFor(profile, language, speaker, next);
    }
    next += 1;
    voices.set(speaker.id, voice);
    used.add(voiceKey(voice));
  }
  return voices;
}
