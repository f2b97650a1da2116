/**
 * The utterance splitter against random text: whatever the lengths, spacing and punctuation, no
 * text handed to an engine is longer than that engine's limit, and no word that fits is cut.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultProfilePath, loadProfile } from "../../src/speech/profile.js";
import { toUtterances } from "../../src/speech/utterances.js";
import { FLITE_MAX_CHARS } from "../../src/synthesize/engines/flite.js";
import type { Script } from "../../src/types.js";

const profile = await loadProfile(defaultProfilePath, async () => []);

const letters = fc
  .array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"), {
    minLength: 1,
    maxLength: 30,
  })
  .map((chars) => chars.join(""));
const mark = fc.constantFrom("", "", "", ",", ";", ":", ".", "!", "?", " —", " –", "…", ")", '"');
const gap = fc.constantFrom(" ", " ", " ", "  ", "\n", " \t ");
const token = fc.tuple(letters, mark, gap).map(([word, m, g]) => `${word}${m}${g}`);
const body = fc.array(token, { minLength: 1, maxLength: 400 }).map((tokens) => tokens.join("").trim());

function scriptOf(text: string): Script {
  return {
    meta: { title: "Title", language: "en" },
    speakers: [{ id: "narrator", role: "narrator" }],
    chapters: [{ title: "", segments: [{ speaker: "narrator", text }] }],
    dropped: [],
  };
}

/** Words of the input made only of letters: these must come out whole. */
const wordsOf = (text: string) => text.split(/[^A-Za-z]+/).filter(Boolean);

describe("the utterance splitter over random text", () => {
  it("keeps every utterance within its engine's limit and never cuts a word", () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 30, max: 1000 }), (text, limit) => {
        const utterances = toUtterances(scriptOf(text), profile, { maxChars: () => limit });
        const spokenWords = new Set<string>();
        for (const utterance of utterances) {
          expect(utterance.spoken.length).toBeLessThanOrEqual(limit);
          for (const word of wordsOf(utterance.text)) spokenWords.add(word);
        }
        for (const word of wordsOf(text)) expect(spokenWords.has(word)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("holds at Flite's own limit for a 300 kB paragraph with no sentence punctuation", () => {
    const words = ["the", "planners", "who", "drew", "its", "first", "streets", "found", "that", "grid"];
    let text = "";
    for (let i = 0; text.length < 300_000; i++) text += `${words[i % words.length]} `;
    const utterances = toUtterances(scriptOf(text.trim()), profile, { maxChars: () => FLITE_MAX_CHARS });
    expect(utterances.length).toBeGreaterThan(900);
    for (const utterance of utterances.filter((u) => u.segment >= 0)) {
      expect(utterance.spoken.length).toBeLessThanOrEqual(FLITE_MAX_CHARS);
      for (const word of wordsOf(utterance.text)) expect(words).toContain(word.toLowerCase());
    }
  });
});
