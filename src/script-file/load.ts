import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import type { Role, Script } from "../types.js";
import { httpUrl } from "../url.js";
import { parseScript, SCRIPT_MARKER } from "./text-form.js";

const ROLES: Role[] = ["narrator", "host", "guest", "speaker"];

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

/** Checks a Script that came from a file, once, with messages naming the file and the place at fault. */
export function validateScript(data: unknown, file: string): Script {
  const fail = (where: string, problem: string): never => {
    throw new InputError(`${file}: ${where} ${problem}.`);
  };
  if (!isObject(data)) return fail("the script", "is not an object with meta, speakers and chapters");
  const { meta, speakers, chapters, dropped } = data;
  if (!isObject(meta)) return fail("meta", "is missing");
  if (typeof meta.title !== "string" || !meta.title.trim()) fail("meta.title", "must be a non-empty string");
  if (typeof meta.language !== "string" || !/^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i.test(meta.language.trim()))
    fail("meta.language", "must be a language tag such as en or pt-BR");
  for (const key of ["subtitle", "byline", "source", "url", "published"]) {
    if (meta[key] !== undefined && typeof meta[key] !== "string") fail(`meta.${key}`, "must be text");
  }
  if (typeof meta.url === "string" && !httpUrl(meta.url))
    fail("meta.url", "must be an absolute http or https URL");
  if (typeof meta.published === "string" && Number.isNaN(Date.parse(meta.published)))
    fail("meta.published", "must be a date such as 2025-03-12");
  if (!Array.isArray(speakers) || speakers.length === 0)
    return fail("speakers", "must list at least one speaker");
  const ids = new Set<string>();
  speakers.forEach((s, i) => {
    if (!isObject(s) || typeof s.id !== "string" || !s.id)
      fail(`speakers[${i}].id`, "must be a non-empty string");
    const speaker = s as { id: string; role?: unknown; name?: unknown };
    if (!ROLES.includes(speaker.role as Role))
      fail(`speakers[${i}].role`, `must be one of ${ROLES.join(", ")}`);
    if (speaker.name !== undefined && typeof speaker.name !== "string")
      fail(`speakers[${i}].name`, "must be text");
    ids.add(speaker.id);
  });
  if (!Array.isArray(chapters) || chapters.length === 0)
    return fail("chapters", "must list at least one chapter");
  for (const [i, c] of chapters.entries()) {
    if (!isObject(c) || typeof c.title !== "string") fail(`chapters[${i}].title`, "must be text");
    const segments = (c as { segments?: unknown }).segments;
    if (!Array.isArray(segments)) fail(`chapters[${i}].segments`, "must be a list");
    (segments as unknown[]).forEach((seg, j) => {
      const where = `chapter ${i + 1} ("${String((c as { title: unknown }).title).slice(0, 40)}"), segment ${j + 1}`;
      if (!isObject(seg) || typeof seg.text !== "string") fail(where, "has no text");
      const speaker = (seg as { speaker?: unknown }).speaker;
      if (typeof speaker !== "string" || !ids.has(speaker)) {
        fail(where, `names the unknown speaker "${String(speaker)}" (known: ${[...ids].join(", ")})`);
      }
    });
  }
  if (dropped !== undefined && !Array.isArray(dropped)) fail("dropped", "must be a list");
  return data as unknown as Script;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
