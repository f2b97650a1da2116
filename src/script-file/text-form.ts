import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { InputError } from "../errors.js";
import type { Chapter, Script } from "../types.js";

/**
 * The editable text form of a Script:
 *
 *     ---                      YAML front matter: meta, speakers, dropped lines
 *     presscast: script 1
 *     meta: { title: …, language: en }
 *     speakers: [ { id: host, role: host, name: … } ]
 *     ---
 *
 *     # Chapter title
 *
 *     [host] What the host says, one paragraph per line.
 *
 *     [guest] The answer.
 *
 * A line that does not start with `[speaker]` continues the paragraph above it, so a person may
 * re-wrap text freely. `renderScript` then `parseScript` gives back an identical Script.
 */
export const SCRIPT_MARKER = "presscast: script 1";

export function renderScript(script: Script): string {
  const head = stringifyYaml(
    { presscast: "script 1", meta: script.meta, speakers: script.speakers, dropped: script.dropped },
    { lineWidth: 0 },
  );
  const body = script.chapters.map((chapter) => {
    const lines = [`# ${oneLine(chapter.title)}`, ""];
    for (const segment of chapter.segments) lines.push(`[${segment.speaker}] ${oneLine(segment.text)}`, "");
    return lines.join("\n");
  });
  return `---\n${head}---\n\n${body.join("\n").trimEnd()}\n`;
}

export function parseScript(text: string, file: string): unknown {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text.replace(/\r\n?/g, "\n"));
  if (!match) throw new InputError(`${file} is not a presscast script: it has no "---" front matter.`);
  let head: Record<string, unknown>;
  try {
    head = (parseYaml(match[1] ?? "") ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(
      `${file}: the script's front matter is not valid YAML (${(error as Error).message.split("\n")[0]}).`,
    );
  }
  const chapters: Chapter[] = [];
  const lines = text.replace(/\r\n?/g, "\n").slice(match[0].length).split("\n");
  const bodyStart = text.slice(0, match[0].length).split("\n").length;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const heading = /^#\s+(.*)$/.exec(line);
    if (heading) {
      chapters.push({ title: heading[1]?.trim() ?? "", segments: [] });
      return;
    }
    const chapter = chapters[chapters.length - 1];
    if (!chapter)
      throw new InputError(`${file}, line ${bodyStart + i}: text before the first "# Chapter" heading.`);
    const turn = /^\[([^\]\s]+)\]\s*(.*)$/.exec(line);
    if (turn) {
      chapter.segments.push({ speaker: turn[1] ?? "", text: turn[2] ?? "" });
      return;
    }
    const last = chapter.segments[chapter.segments.length - 1];
    if (!last) {
      throw new InputError(`${file}, line ${bodyStart + i}: a paragraph needs a "[speaker]" at its start.`);
    }
    last.text = `${last.text} ${line}`;
  });
  return { meta: head.meta, speakers: head.speakers, chapters, dropped: head.dropped ?? [] };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
