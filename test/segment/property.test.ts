import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { ingestText } from "../../src/ingest/ingest.js";
import { segment } from "../../src/segment/segment.js";

/**
 * The segmenter on any text: it never crashes (bad input is an InputError), and every line of
 * the input is either read — in a segment, the title or a chapter heading — exactly once, or
 * listed as dropped with a reason.
 */
const sentence = fc
  .array(
    fc.constantFrom(
      "the",
      "council",
      "met",
      "again",
      "on",
      "Monday",
      "and",
      "said",
      "NATO",
      "5%",
      "«yes»",
      "1.5",
      "km",
      "Europe",
      "it",
      "was",
      "late",
    ),
    { minLength: 3, maxLength: 14 },
  )
  .map((words) => `${words.join(" ")}.`.replace(/^./, (c) => c.toUpperCase()));
const line = fc.oneof(
  sentence,
  sentence.map((s) => `— ${s}`),
  sentence.map((s) => `Q: ${s}`),
  sentence.map((s) => `A: ${s}`),
  fc.tuple(fc.constantFrom("Joe", "Mary Ann", "Mr Smith"), sentence).map(([n, s]) => `${n}: ${s}`),
  sentence.map((s) => `"${s.slice(0, -1)}"`),
  fc.constantFrom(
    "Advertisement",
    "Share",
    "On",
    "Off",
    "158",
    "Photo: Jane Doe",
    "Read also: Something else",
    "Переведено сервисом",
  ),
  fc.string({ maxLength: 40 }),
  fc.constant(""),
);

const squash = (text: string) =>
  text
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .toLowerCase();

describe("segmenter properties", () => {
  it("never crashes and reads or drops every line", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const text = lines.join("\n");
        let script: ReturnType<typeof segment>;
        try {
          script = segment(ingestText(text, "prop.txt", "text"));
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          return;
        }
        const read = [
          script.meta.title,
          ...script.chapters.flatMap((c) => [
            ...(c.title === script.meta.title ? [] : [c.title]),
            ...c.segments.map((s) => s.text),
          ]),
        ].map(squash);
        const dropped = script.dropped.map((d) => squash(d.text));
        expect(script.dropped.every((d) => d.reason.length > 0)).toBe(true);
        for (const raw of lines) {
          const l = squash(raw.replace(/^(—|Q:|A:|Joe:|Mary Ann:|Mr Smith:)\s*/, ""));
          if (!l) continue;
          const isDropped = dropped.some((d) => d.includes(l));
          const inRead = read.some((r) => r.includes(l));
          expect(isDropped || inRead, `line "${raw}" was neither read nor dropped`).toBe(true);
        }
        // Nothing is read more often than it was written.
        const written = lines.map((raw) => squash(raw.replace(/^(—|Q:|A:|Joe:|Mary Ann:|Mr Smith:)\s*/, "")));
        const body = read.slice(1); // read[0] is the title, which may come from the file name
        for (const r of new Set(body)) {
          if (!r) continue;
          const spoken = body.filter((x) => x === r).length;
          const times = lines.filter((raw, i) => written[i] === r || squash(raw) === r).length;
          expect(spoken, `"${r}" read ${spoken} times`).toBeLessThanOrEqual(times);
        }
      }),
      { numRuns: 1000, seed: 20261128 },
    );
  });
});
