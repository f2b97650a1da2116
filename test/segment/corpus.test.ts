import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readScript } from "../../src/episode/read-script.js";
import type { Script } from "../../src/types.js";

/**
 * Every real page in test/fixtures/corpus against its EXPECTED.md (as expect.json): title,
 * chapters in order, speakers and turns, lines that must and must never be read aloud.
 */
interface Expect {
  title: string;
  language: string;
  chapters: string[];
  chaptersOptional?: string[];
  interview: boolean;
  speakers: number;
  turns: Array<{ starts: string; role: string; name?: string }>;
  mustRead: string[];
  mustNotRead: string[];
  mustNotMatch?: string[];
  readOnce?: string[];
}

const root = join(import.meta.dirname, "..", "fixtures", "corpus");
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** What is read aloud: the title, each chapter heading (the first chapter's is the title), every segment. */
const spokenTexts = (script: Script) => [
  script.meta.title,
  ...script.chapters.flatMap((c, i) => [
    ...(i === 0 && c.title === script.meta.title ? [] : [c.title]),
    ...c.segments.map((s) => s.text),
  ]),
];

describe.each(cases)("corpus %s", (name) => {
  const dir = join(root, name);
  const expected = JSON.parse(readFileSync(join(dir, "expect.json"), "utf8")) as Expect;
  const source = readdirSync(dir).find((f) => f.startsWith("source."));
  let script: Script;

  it("reads the page", async () => {
    script = await readScript(join(dir, source ?? ""));
    expect(script.chapters.length).toBeGreaterThan(0);
  });

  it("finds the title and language", () => {
    expect(script.meta.title).toMatch(new RegExp(expected.title, "i"));
    expect(script.meta.language.toLowerCase().startsWith(expected.language)).toBe(true);
  });

  it("makes the section headings chapters, in order, and nothing else", () => {
    const allowed = [...expected.chapters, ...(expected.chaptersOptional ?? [])];
    const titles = script.chapters.slice(1).map((c) => c.title);
    if (script.chapters[0] && script.chapters[0].title !== script.meta.title)
      titles.unshift(script.chapters[0].title);
    const parts = (title: string) => title.split(" — ");
    for (const title of titles) {
      expect(
        parts(title).every((part) => allowed.includes(part)),
        `unexpected chapter "${title}"`,
      ).toBe(true);
    }
    const found = titles.flatMap(parts).filter((t) => expected.chapters.includes(t));
    expect(found).toEqual(expected.chapters);
  });

  it("gives each turn to the right speaker", () => {
    const others = script.speakers.filter((s) => s.role !== "narrator");
    if (expected.interview) expect(others.length).toBe(expected.speakers);
    else expect(others).toEqual([]);
    const segments = script.chapters.flatMap((c) => c.segments);
    for (const turn of expected.turns) {
      const segment = segments.find((s) => s.text.startsWith(turn.starts));
      expect(segment, `no segment starts "${turn.starts}"`).toBeDefined();
      const speaker = script.speakers.find((s) => s.id === segment?.speaker);
      expect(speaker?.role, `speaker of "${turn.starts}"`).toMatch(new RegExp(`^(${turn.role})$`));
      if (turn.name) expect(speaker?.name ?? "").toMatch(new RegExp(turn.name, "i"));
    }
  });

  it("reads the whole body and none of the chrome", () => {
    const spoken = spokenTexts(script).join("\n");
    for (const line of expected.mustRead) expect(spoken, "must read").toContain(line);
    for (const line of expected.mustNotRead) expect(spoken, "must not read").not.toContain(line);
    for (const pattern of expected.mustNotMatch ?? []) {
      const regex = new RegExp(pattern, "m");
      for (const text of spokenTexts(script)) expect(text, `matches ${pattern}`).not.toMatch(regex);
    }
    for (const line of expected.readOnce ?? []) {
      expect(spoken.split(line).length - 1, `read once: ${line}`).toBeLessThanOrEqual(1);
    }
  });
});
