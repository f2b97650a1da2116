import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalize } from "../../src/speech/normalize/index.js";
import { defaultProfilePath, loadProfile } from "../../src/speech/profile.js";
import { splitLong } from "../../src/speech/sentences.js";
import { toUtterances } from "../../src/speech/utterances.js";
import type { Script } from "../../src/types.js";

const profile = await loadProfile(defaultProfilePath, async () => []);
const word = fc.constantFrom(
  "Mr.",
  "Dr.",
  "U.S.",
  "CSTO",
  "the",
  "alliance",
  "1.5",
  "$3.2",
  "billion",
  "5%",
  "—",
  "«quoted»",
  "Malmö",
  "e.g.",
  "12/03/2025",
  "AT&T",
  "km",
  "1990s",
  "(aside)",
  "#1",
);
const end = fc.constantFrom(".", "!", "?", "", ",", "…");
const sentence = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 25 }), end)
  .map(([words, mark]) => words.join(" ") + mark);
const text = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((sentences) => sentences.join(" "));

describe("properties over generated text", () => {
  it("every letter of every segment reaches exactly one utterance, in order, within maxChars", () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 40, max: 300 }),
        (texts, limit) => {
          const script: Script = {
            meta: { title: "T", language: "en" },
            speakers: [
              { id: "host", role: "host" },
              { id: "guest", role: "guest" },
            ],
            chapters: [
              {
                title: "",
                segments: texts.map((body, i) => ({ speaker: i % 2 ? "guest" : "host", text: body })),
              },
            ],
            dropped: [],
          };
          const utterances = toUtterances(script, profile, { maxChars: () => limit });
          // Pieces with nothing to say (a lone "—" or "…") are left out; every letter and digit is kept, in order.
          const letters = (parts: string[]) => parts.join("").replace(/[^\p{L}\p{N}]/gu, "");
          const read = utterances.filter((u) => u.segment >= 0).map((u) => u.text);
          expect(letters(read)).toBe(letters(texts));
          for (const utterance of utterances) {
            expect(utterance.spoken).toMatch(/^[\x20-\x7e]+$/);
            expect(utterance.spoken.length).toBeLessThanOrEqual(limit);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("splitLong never cuts inside a word and loses nothing", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 5, max: 120 }), (body, limit) => {
        const pieces = splitLong(body, limit);
        // Every piece fits; a word that fits is never cut (only a longer run, which no engine takes).
        for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(limit);
        const words = body.trim().split(/\s+/);
        const got = pieces.flatMap((piece) => piece.split(/\s+/));
        const whole = words.filter((w) => w.length <= limit);
        for (const w of whole) expect(got).toContain(w);
        expect(got.join("")).toBe(words.join(""));
      }),
    );
  });

  it("normalised English keeps no digits and no markup characters", () => {
    fc.assert(
      fc.property(sentence, (body) => {
        expect(normalize(body, "en", "espeak")).not.toMatch(/[\d<>&«»“”—()]/);
      }),
    );
  });
});
