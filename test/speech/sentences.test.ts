import { describe, expect, it } from "vitest";
import { splitLong, splitSentences } from "../../src/speech/sentences.js";

describe("splitSentences", () => {
  it("splits at sentence ends, including ? and !", () => {
    expect(splitSentences("It was far! Really? Yes. Quite.", "en")).toEqual([
      "It was far!",
      "Really?",
      "Yes.",
      "Quite.",
    ]);
  });

  it("does not split after titles such as Mr. and Dr., where Intl.Segmenter does", () => {
    const text = "Mr. Smith met Dr. Jones and Prof. Lee. They talked.";
    expect(
      new Intl.Segmenter("en", { granularity: "sentence" }).segment(text)[Symbol.iterator]().next().value
        ?.segment,
    ).toBe("Mr. ");
    expect(splitSentences(text, "en")).toEqual(["Mr. Smith met Dr. Jones and Prof. Lee.", "They talked."]);
  });

  it("keeps initialisms and soft abbreviations inside a sentence, but ends a sentence at them before a capital", () => {
    expect(splitSentences("Troops of the U.S. arrived. Fruit, e.g. apples, is sweet.", "en")).toEqual([
      "Troops of the U.S. arrived.",
      "Fruit, e.g. apples, is sweet.",
    ]);
    expect(splitSentences("He lives in the U.S. Then he moved.", "en")).toEqual([
      "He lives in the U.S.",
      "Then he moved.",
    ]);
  });

  it("does not split decimals and uses the language's own titles", () => {
    expect(splitSentences("It was 3.5 km away. Fine.", "en")).toEqual(["It was 3.5 km away.", "Fine."]);
    expect(splitSentences("M. Dupont est là. Il parle.", "fr")).toEqual(["M. Dupont est là.", "Il parle."]);
  });

  it("loses no words", () => {
    const text = "— The CSTO is calm. «Really?» he asked… Yes!  No.\nNew line here";
    expect(splitSentences(text, "en").join(" ").split(/\s+/)).toEqual(text.split(/\s+/));
  });
});

describe("splitLong", () => {
  const long =
    "The proposals to reduce defense spending so far are in the nature of statements, if you will, statements of intent to consider the possibility of reducing costs; and this applies only to the United States and Russia.";

  it("cuts at clause marks first, every piece within the limit", () => {
    const pieces = splitLong(long, 100);
    expect(pieces.every((piece) => piece.length <= 100)).toBe(true);
    expect(pieces[0]).toMatch(/[,;]$/);
    expect(pieces.join(" ")).toBe(long);
  });

  it("cuts between words when no clause mark fits, never inside a word", () => {
    const words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
    const pieces = splitLong(words, 20);
    expect(pieces.every((piece) => piece.length <= 20)).toBe(true);
    expect(pieces.join(" ")).toBe(words);
    expect(pieces.flatMap((piece) => piece.split(" "))).toEqual(words.split(" "));
  });

  it("keeps words whole; only a run longer than the limit, which no engine takes, is cut", () => {
    expect(splitLong("a Rechtsschutzversicherungsgesellschaften b", 41)).toEqual([
      "a Rechtsschutzversicherungsgesellschaften",
      "b",
    ]);
    const run = "x".repeat(25);
    expect(splitLong(`a ${run} b`, 10)).toEqual(["a", "x".repeat(10), "x".repeat(10), "xxxxx b"]);
    expect(splitLong("see https://example.com/a/very/long/path/to/a/page for more", 20)).toEqual([
      "see",
      "https://example.com/",
      "a/very/long/path/to/",
      "a/page for more",
    ]);
  });

  it("leaves short sentences alone", () => {
    expect(splitLong("Short one.", 100)).toEqual(["Short one."]);
  });
});
