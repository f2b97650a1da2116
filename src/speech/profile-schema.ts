/**
 * The shape of a voice profile, checked by hand where the YAML enters so every mistake is reported
 * with the file, the key path ("roles.guest.voice") and what would have been accepted. Whether an
 * engine or voice exists is checked afterwards (profile.ts), against the installed engines.
 */
import { dirname, resolve } from "node:path";
import { InputError } from "../errors.js";
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

type Data = Record<string, unknown>;
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

/** Builds the profile from parsed YAML, or throws an InputError naming `file` and the key at fault. */
export function readProfileData(file: string, data: unknown): { profile: VoiceProfile; uses: VoiceUse[] } {
  const fail = (message: string): never => {
    throw new InputError(`Voice profile ${file}: ${message}`);
  };
  const uses: VoiceUse[] = [];
  const record = (value: unknown, path: string, keys: readonly string[], example: string): Data => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return fail(`${path || "the file"} must be a mapping such as ${example}.`);
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        const at = path ? `${path}.${key}` : key;
        fail(
          `unknown key "${at}"; the keys allowed ${path ? `in ${path}` : "at the top"} are ${keys.join(", ")}.`,
        );
      }
    }
    return value as Data;
  };
  const number = (value: unknown, path: string, range: Range, hint: string): number | undefined => {
    if (value === undefined) return undefined;
    const [min, max] = range;
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      const shown = typeof value === "number" ? String(value) : JSON.stringify(value)?.slice(0, 40);
      return fail(`${path} must be a number from ${min} to ${max} (${hint}), not ${shown}.`);
    }
    return value;
  };

  const top = record(
    data,
    "",
    [
      "description",
      "rate",
      "pauses",
      "roles",
      "pool",
      "languages",
      "engines",
      "lexicons",
      "language",
      "intro",
      "outro",
    ],
    "roles: { narrator: { engine: flite, voice: slt } }",
  );
  const rate = number(top.rate, "rate", LIMITS.rate, "1 = the engine's normal speed") ?? 1;
  const engineOptions: Record<string, Data> = {};
  if (top.engines !== undefined) {
    const engines = top.engines;
    if (typeof engines !== "object" || engines === null || Array.isArray(engines)) {
      fail(`engines must map engine names to their options, e.g. "openai: { model: gpt-4o-mini-tts }".`);
    }
    for (const [name, options] of Object.entries(engines as Data)) {
      if (typeof options !== "object" || options === null || Array.isArray(options)) {
        fail(`engines.${name} must be a mapping of that engine's options.`);
      }
      engineOptions[name] = options as Data;
      uses.push({ path: `engines.${name}`, voice: { engine: name, voice: "" } });
    }
  }

  const voice = (value: unknown, path: string, languageRate: number): Voice => {
    const v = record(
      value,
      path,
      ["engine", "voice", "rate", "pitch", "options"],
      "{ engine: flite, voice: slt }",
    );
    if (typeof v.engine !== "string" || !v.engine)
      fail(`${path}.engine must name an engine, e.g. flite or espeak.`);
    if (typeof v.voice !== "string" || !v.voice)
      fail(`${path}.voice must name a voice of engine ${v.engine}.`);
    const engine = v.engine as string;
    if (
      v.options !== undefined &&
      (typeof v.options !== "object" || v.options === null || Array.isArray(v.options))
    ) {
      fail(`${path}.options must be a mapping of engine settings.`);
    }
    const result: Voice = {
      engine,
      voice: v.voice as string,
      rate: number(v.rate, `${path}.rate`, LIMITS.rate, "1 = the engine's normal speed") ?? languageRate,
    };
    const pitch = v.pitch;
    const semitones = number(pitch, `${path}.pitch`, LIMITS.pitch, "semitones, e.g. -2");
    if (semitones !== undefined) result.pitch = semitones;
    const options = { ...engineOptions[engine], ...(v.options as Data | undefined) };
    if (Object.keys(options).length > 0) result.options = options;
    uses.push({ path, voice: result });
    return result;
  };
  const pool = (value: unknown, path: string, languageRate: number): Voice[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value))
      return fail(`${path} must be a list of voices, e.g. "- { engine: flite, voice: kal16 }".`);
    return value.map((item, index) => voice(item, `${path}[${index}]`, languageRate));
  };

  const rolesData = record(top.roles, "roles", ROLE_NAMES, "{ narrator: { engine: flite, voice: slt } }");
  const roles = {} as Record<RoleName, Voice>;
  for (const role of ROLE_NAMES) {
    if (rolesData[role] === undefined)
      fail(`roles.${role} is missing; every profile names a voice for ${ROLE_NAMES.join(", ")}.`);
    roles[role] = voice(rolesData[role], `roles.${role}`, rate);
  }

  const languages: VoiceProfile["languages"] = {};
  if (top.languages !== undefined && top.languages !== null) {
    const all = record(
      top.languages,
      "languages",
      Object.keys(top.languages as object),
      "{ fr: { roles: {...} } }",
    );
    for (const [tag, value] of Object.entries(all)) {
      const path = `languages.${tag}`;
      if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(tag))
        fail(`${path}: "${tag}" is not a language code such as fr or pt-BR.`);
      const lang = record(
        value,
        path,
        ["roles", "pool", "rate"],
        "{ roles: { narrator: { engine: espeak, voice: fr } } }",
      );
      const langRate =
        number(lang.rate, `${path}.rate`, LIMITS.rate, "1 = the engine's normal speed") ?? rate;
      const langRoles: Partial<Record<RoleName, Voice>> = {};
      if (lang.roles !== undefined) {
        const given = record(
          lang.roles,
          `${path}.roles`,
          ROLE_NAMES,
          "{ narrator: { engine: espeak, voice: fr } }",
        );
        for (const role of ROLE_NAMES) {
          if (given[role] !== undefined)
            langRoles[role] = voice(given[role], `${path}.roles.${role}`, langRate);
        }
      }
      languages[tag.toLowerCase()] = { roles: langRoles };
      if (lang.pool !== undefined)
        languages[tag.toLowerCase()] = { roles: langRoles, pool: pool(lang.pool, `${path}.pool`, langRate) };
    }
  }

  const pauses = { ...DEFAULT_PAUSES };
  if (top.pauses !== undefined) {
    const given = record(top.pauses, "pauses", Object.keys(DEFAULT_PAUSES), "{ sentence: 350, turn: 800 }");
    for (const key of Object.keys(DEFAULT_PAUSES) as Array<keyof Pauses>) {
      pauses[key] = number(given[key], `pauses.${key}`, LIMITS.pause, "milliseconds") ?? pauses[key];
    }
  }

  const lexicons: string[] = [];
  if (top.lexicons !== undefined && top.lexicons !== null) {
    const list = top.lexicons;
    if (!Array.isArray(list) || list.some((item) => typeof item !== "string")) {
      fail(`lexicons must be a list of lexicon file paths, relative to the profile, e.g. "[my-words.yaml]".`);
    }
    for (const item of list as string[]) lexicons.push(resolve(dirname(file), item));
  }
  if (top.description !== undefined && typeof top.description !== "string")
    fail("description must be a text.");
  let language = "en";
  if (top.language !== undefined) {
    const tag = typeof top.language === "string" ? canonicalLanguage(top.language) : undefined;
    if (!tag)
      fail(`language must be a language tag such as en, de or pt-BR, not ${JSON.stringify(top.language)}.`);
    language = tag ?? language;
  }

  const profile: VoiceProfile = {
    file,
    language,
    roles,
    pool: pool(top.pool, "pool", rate),
    languages,
    pauses,
    lexicons,
  };
  if (typeof top.description === "string") profile.description = top.description;
  for (const key of ["intro", "outro"] as const) {
    const value = top[key];
    if (value === undefined || value === null || value === true) continue;
    if (value !== false && (typeof value !== "string" || !value.trim()))
      fail(
        `${key} must be false (none) or a text such as "{title}. By {byline}.", not ${JSON.stringify(value)}.`,
      );
    profile[key] = value === false ? false : (value as string).trim();
  }
  return { profile, uses };
}
