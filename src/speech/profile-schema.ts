/**
 * The shape of a voice profile, a schema checked where the YAML enters, so every mistake is
 * reported with the file, the key path ("roles.guest.voice") and what would have been accepted.
 * Whether an engine or voice exists is checked afterwards (profile.ts), against the installed
 * engines.
 */
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { checkData, expected, mapping, numberIn } from "../schema.js";
import { canonicalLanguage } from "../text/language-tag.js";
import type { Voice } from "../types.js";

export type RoleName = "narrator" | "host" | "guest";
export const ROLE_NAMES: readonly RoleName[] = ["narrator", "host", "guest"];

/** Silence in milliseconds; clause ≤ sentence ≤ paragraph ≤ turn ≤ chapter is the sensible order. */
export interface Pauses {
  /** Between pieces of one sentence cut for the engine's length limit. default: 150 */
  clause: number;
  /** default: 350 */
  sentence: number;
  /** Between two segments of the same speaker. default: 600 */
  paragraph: number;
  /** When the speaker changes. default: 800 */
  turn: number;
  /** Before a new chapter. default: 1600 */
  chapter: number;
  /** After the episode title and after each chapter heading. default: 1200 */
  title: number;
}

export const DEFAULT_PAUSES: Pauses = {
  clause: 150,
  sentence: 350,
  paragraph: 600,
  turn: 800,
  chapter: 1600,
  title: 1200,
};

/** The voices for one language: one per role plus a pool for named speakers. */
export interface VoiceSet {
  roles: Record<RoleName, Voice>;
  pool: Voice[];
}

/** A checked voice profile; every voice has its rate and its engine's shared options filled in. */
export interface VoiceProfile extends VoiceSet {
  /** The profile file as the user named it. */
  file: string;
  description?: string;
  /** The language of an article that declares none and is too short to tell (BCP 47). default: "en" */
  language: string;
  /** Per-language voices, by lower-case language tag ("fr", "pt-br"); roles left out come from the defaults. */
  languages: Record<string, { roles: Partial<Record<RoleName, Voice>>; pool?: Voice[] }>;
  pauses: Pauses;
  /** Absolute paths of extra lexicon files, applied after voices/lexicon.yaml. */
  lexicons: string[];
  /** The narrator's intro and outro: a template, or false for none. default: the built-in ones */
  intro?: string | false;
  outro?: string | false;
}

/** Where each voice came from, so a missing engine or voice can be named by its key path. */
export interface VoiceUse {
  path: string;
  voice: Voice;
}

type Range = readonly [min: number, max: number];

/**
 * Bounds on every number a profile gives, so no value can make a build unbounded: a pause of
 * 1e12 ms once wrote 22 GB of silence. Rate 0.25–4 is what the engines can say intelligibly.
 */
export const LIMITS = {
  rate: [0.25, 4] as Range,
  pitch: [-24, 24] as Range,
  /** Milliseconds; a minute of silence is already far more than any pause needs. */
  pause: [0, 60_000] as Range,
};

const rate = numberIn(...LIMITS.rate, "1 = the engine's normal speed");
const aVoice = expected("a mapping such as { engine: flite, voice: slt }");
const voiceShape = {
  engine: z
    .string({ error: expected("an engine's name, e.g. flite or espeak") })
    .min(1, "must name an engine, e.g. flite or espeak"),
  voice: z
    .string({ error: expected("a voice of its engine, e.g. slt") })
    .min(1, "must name a voice of its engine, e.g. slt"),
  rate: rate.optional(),
  pitch: numberIn(...LIMITS.pitch, "semitones, e.g. -2").optional(),
  options: mapping("a mapping of engine settings").optional(),
};
const voiceSchema = z.strictObject(voiceShape, { error: aVoice });
/** A voice of the profile's own roles: every role needs one. */
const roleVoice = z.strictObject(voiceShape, {
  error: (issue) =>
    issue.input === undefined
      ? `is missing; every profile names a voice for ${ROLE_NAMES.join(", ")}`
      : aVoice(issue),
});
type VoiceData = z.output<typeof voiceSchema>;

const pool = z
  .array(voiceSchema, { error: expected('a list of voices, e.g. "- { engine: flite, voice: kal16 }"') })
  .nullish();
const rolesOf = <T extends z.ZodType>(voice: T) =>
  z.strictObject(
    { narrator: voice, host: voice, guest: voice },
    { error: expected("a mapping such as { narrator: { engine: flite, voice: slt } }") },
  );
const anAnnouncement = expected('false (none) or a text such as "{title}. By {byline}."');
/** An intro or outro: a template, or false for none; true or nothing is the built-in one. */
const announce = z
  .union([z.boolean(), z.string().refine((text) => text.trim() !== "", { error: anAnnouncement })], {
    error: anAnnouncement,
  })
  .nullish()
  .transform((value) =>
    value === true || value === null ? undefined : value === false ? false : value?.trim(),
  );

const profileSchema = z.strictObject(
  {
    description: z.string({ error: expected("text") }).optional(),
    language: z
      .string({ error: expected("a language tag such as en, de or pt-BR") })
      .refine((tag) => canonicalLanguage(tag) !== undefined, "must be a language tag such as en, de or pt-BR")
      .optional(),
    rate: rate.optional(),
    pauses: z
      .strictObject(
        Object.fromEntries(
          Object.keys(DEFAULT_PAUSES).map((key) => [
            key,
            numberIn(...LIMITS.pause, "milliseconds").optional(),
          ]),
        ),
        { error: expected("a mapping such as { sentence: 350, turn: 800 }") },
      )
      .optional(),
    roles: rolesOf(roleVoice),
    pool,
    languages: z
      .record(
        // No message of the record's own: it would stand for the key's.
        z.string().regex(/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i, "is not a language code such as fr or pt-BR"),
        z.strictObject(
          { roles: rolesOf(voiceSchema.optional()).optional(), pool, rate: rate.optional() },
          { error: expected("a mapping such as { roles: { narrator: { engine: espeak, voice: fr } } }") },
        ),
      )
      .nullish(),
    engines: z
      .record(z.string(), mapping("a mapping of that engine's options"), {
        error: expected(
          'a mapping of engine names to their options, e.g. "openai: { model: gpt-4o-mini-tts }"',
        ),
      })
      .optional(),
    lexicons: z
      .array(z.string(), {
        error: expected('a list of lexicon file paths, relative to the profile, e.g. "[my-words.yaml]"'),
      })
      .nullish(),
    intro: announce,
    outro: announce,
  },
  { error: expected("a mapping such as roles: { narrator: { engine: flite, voice: slt } }") },
);

/** Builds the profile from parsed YAML, or throws an InputError naming `file` and the key at fault. */
export function readProfileData(file: string, data: unknown): { profile: VoiceProfile; uses: VoiceUse[] } {
  const top = checkData(profileSchema, data, `Voice profile ${file}`);
  const uses: VoiceUse[] = [];
  const engineOptions = top.engines ?? {};
  for (const name of Object.keys(engineOptions))
    uses.push({ path: `engines.${name}`, voice: { engine: name, voice: "" } });

  // Every voice gets its language's (or the profile's) rate and its engine's shared options.
  const voice = (v: VoiceData, path: string, languageRate: number): Voice => {
    const result: Voice = { engine: v.engine, voice: v.voice, rate: v.rate ?? languageRate };
    if (v.pitch !== undefined) result.pitch = v.pitch;
    const options = { ...engineOptions[v.engine], ...v.options };
    if (Object.keys(options).length > 0) result.options = options;
    uses.push({ path, voice: result });
    return result;
  };
  const voices = (list: VoiceData[] | null | undefined, path: string, languageRate: number): Voice[] =>
    (list ?? []).map((item, index) => voice(item, `${path}[${index}]`, languageRate));

  const profileRate = top.rate ?? 1;
  const roles = {} as Record<RoleName, Voice>;
  for (const role of ROLE_NAMES)
    roles[role] = voice(top.roles[role] as VoiceData, `roles.${role}`, profileRate);

  const languages: VoiceProfile["languages"] = {};
  for (const [tag, lang] of Object.entries(top.languages ?? {})) {
    const path = `languages.${tag}`;
    const langRate = lang.rate ?? profileRate;
    const langRoles: Partial<Record<RoleName, Voice>> = {};
    for (const role of ROLE_NAMES) {
      const given = lang.roles?.[role];
      if (given) langRoles[role] = voice(given, `${path}.roles.${role}`, langRate);
    }
    languages[tag.toLowerCase()] =
      lang.pool === undefined
        ? { roles: langRoles }
        : { roles: langRoles, pool: voices(lang.pool, `${path}.pool`, langRate) };
  }

  const profile: VoiceProfile = {
    file,
    language: (top.language && canonicalLanguage(top.language)) || "en",
    roles,
    pool: voices(top.pool, "pool", profileRate),
    languages,
    pauses: { ...DEFAULT_PAUSES, ...definedOnly(top.pauses ?? {}) },
    lexicons: (top.lexicons ?? []).map((item) => resolve(dirname(file), item)),
  };
  if (top.description !== undefined) profile.description = top.description;
  if (top.intro !== undefined) profile.intro = top.intro;
  if (top.outro !== undefined) profile.outro = top.outro;
  return { profile, uses };
}

function definedOnly(values: Record<string, number | undefined>): Partial<Pauses> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
