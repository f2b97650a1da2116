import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InputError } from "../errors.js";
import { checkData, expected } from "../schema.js";
import type { Role, Script } from "../types.js";
import { httpUrl } from "../url.js";
import { parseScript, SCRIPT_MARKER } from "./text-form.js";

/** True when a file's text is a Script (JSON or the text form) rather than an article. */
export function isScriptText(text: string): boolean {
  const head = text.trimStart().slice(0, 400);
  return head.startsWith("---") ? head.includes(SCRIPT_MARKER) : /^\{\s*"meta"\s*:/.test(head);
}

export async function loadScript(file: string): Promise<Script> {
  const text = await readFile(file, "utf8");
  return scriptFromText(text, file);
}

export function scriptFromText(text: string, file: string): Script {
  let data: unknown;
  if (text.trimStart().startsWith("{")) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      // Only the position: the parser's message quotes the text, and the file may be anything.
      const at = /position (\d+)/.exec((error as Error).message)?.[1];
      throw new InputError(`${file} is not valid script JSON${at ? ` (at character ${at})` : ""}.`);
    }
  } else {
    data = parseScript(text, file);
  }
  return validateScript(data, file);
}

const ROLES: readonly Role[] = ["narrator", "host", "guest", "speaker"];
const LANGUAGE_TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i;
const filled = (problem: string) =>
  z.string({ error: problem }).refine((value) => value.trim() !== "", problem);
const optionalText = z.string({ error: expected("text") }).optional();
const atLeastOne = (what: string) => ({ error: `must list at least one ${what}` });

/** A Script's structure; which speaker ids a segment may name is checked after it. */
const scriptSchema = z.looseObject(
  {
    meta: z.looseObject(
      {
        title: filled("must be a non-empty string"),
        language: z
          .string({ error: expected("a language tag such as en or pt-BR") })
          .refine((tag) => LANGUAGE_TAG.test(tag.trim()), "must be a language tag such as en or pt-BR"),
        subtitle: optionalText,
        byline: optionalText,
        source: optionalText,
        url: optionalText.refine((url) => url === undefined || httpUrl(url) !== undefined, {
          error: "must be an absolute http or https URL",
        }),
        published: optionalText.refine((date) => date === undefined || !Number.isNaN(Date.parse(date)), {
          error: "must be a date such as 2025-03-12",
        }),
      },
      { error: expected("a mapping with title and language") },
    ),
    speakers: z
      .array(
        z.looseObject({
          id: filled("must be a non-empty string"),
          role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
          name: optionalText,
        }),
        atLeastOne("speaker"),
      )
      .min(1, atLeastOne("speaker")),
    chapters: z
      .array(
        z.looseObject({
          title: z.string({ error: expected("text") }),
          segments: z.array(
            z.looseObject({
              speaker: z.string({ error: expected("a speaker's id") }),
              text: z.string({ error: "has no text" }),
            }),
            { error: expected("a list") },
          ),
        }),
        atLeastOne("chapter"),
      )
      .min(1, atLeastOne("chapter")),
    dropped: z.array(z.unknown(), { error: expected("a list") }).optional(),
  },
  { error: "the script is not an object with meta, speakers and chapters" },
);

/** Checks a Script that came from a file, once, with messages naming the file and the field at fault. */
export function validateScript(data: unknown, file: string): Script {
  const script = checkData(scriptSchema, data, file);
  const ids = new Set(script.speakers.map((speaker) => speaker.id));
  script.chapters.forEach((chapter, i) => {
    chapter.segments.forEach((segment, j) => {
      if (ids.has(segment.speaker)) return;
      throw new InputError(
        `${file}: "chapters[${i}].segments[${j}].speaker" names the unknown speaker "${segment.speaker.slice(0, 40)}" (known: ${[...ids].join(", ")}).`,
      );
    });
  });
  // The file's own data, as it was: the check adds nothing and takes nothing away.
  return data as Script;
}
