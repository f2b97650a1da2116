import { describe, expect, it } from "vitest";
import { ingestText } from "../../src/ingest/ingest.js";
import { segment } from "../../src/segment/segment.js";

const scriptOf = (text: string, format: "text" | "markdown" = "text") =>
  segment(ingestText(text, "t.txt", format));
const turns = (text: string, format: "text" | "markdown" = "text") => {
  const script = scriptOf(text, format);
  return script.chapters.flatMap((c) =>
    c.segments.map((s) => {
      const speaker = script.speakers.find((x) => x.id === s.speaker);
      return `${speaker?.name ?? speaker?.role}: ${s.text}`;
    }),
  );
};

describe("interview forms", () => {
  it("dash turns alternate host and guest; unmarked paragraphs continue the speaker", () => {
    const text =
      "Intro paragraph about the talk that follows here.\n\n— First question?\n\n— First answer.\n\nMore of the answer.\n\n— Second question?\n\n– Second answer.\n";
    expect(turns(text)).toEqual([
      "narrator: Intro paragraph about the talk that follows here.",
      "host: First question?",
      "guest: First answer.",
      "guest: More of the answer.",
      "host: Second question?",
      "guest: Second answer.",
    ]);
  });

  it("when only questions are dashed, the paragraphs after a question are the guest's", () => {
    const text =
      "Intro paragraph about the talk that follows.\n\n— What happened first?\n\nThe answer comes unmarked.\n\nIt goes on.\n\n— And then?\n\nAnother unmarked answer.\n";
    expect(turns(text).map((t) => t.split(":")[0])).toEqual([
      "narrator",
      "host",
      "guest",
      "guest",
      "host",
      "guest",
    ]);
  });

  it("reads Q:/A: labels, bold or not, without speaking them", () => {
    const md =
      "# T\n\nIntro.\n\n**Q: Why?**\n\n**A:** Because.\n\nAnd more.\n\nQ: How?\n\nA: Like this.\n\n* * *\n\nThanks for talking to us.\n";
    expect(turns(md, "markdown")).toEqual([
      "narrator: Intro.",
      "host: Why?",
      "guest: Because.",
      "guest: And more.",
      "host: How?",
      "guest: Like this.",
      "host: Thanks for talking to us.",
    ]);
  });

  it("NAME: transcripts, one speaker however the label changes form", () => {
    const text =
      "Thomas Malone: Good evening.\n\nJane Roe: Hello, Thomas.\n\nMr Malone: Shall we begin?\n\nJane Roe: Yes.\n\nThomas Malone: Then we start.\n";
    const script = scriptOf(text);
    expect(script.speakers.filter((s) => s.role !== "narrator").map((s) => s.name)).toEqual([
      "Thomas Malone",
      "Jane Roe",
    ]);
    expect(turns(text)).toEqual([
      "Thomas Malone: Good evening.",
      "Jane Roe: Hello, Thomas.",
      "Thomas Malone: Shall we begin?",
      "Jane Roe: Yes.",
      "Thomas Malone: Then we start.",
    ]);
  });

  it("a list of Name: description items stays one narrator", () => {
    const text =
      "Our panel this year.\n\nAda Lovelace: a mathematician who wrote the first program.\n\nAlan Turing: a logician who broke codes.\n\nGrace Hopper: an admiral who built compilers.\n\nThey all changed computing.\n";
    expect(scriptOf(text).speakers.map((s) => s.role)).toEqual(["narrator"]);
  });

  it("a narrative with headings and colons stays one narrator, headings unquoted", () => {
    const text =
      'A story of the sea\n\nIt began on a Monday when the boats went out again.\n\n«The storm"\n\nWarning #1: the storm came fast, and nobody expected it.\n\nPart One: everyone went home safely in the end.\n';
    const script = scriptOf(text);
    expect(script.speakers.map((s) => s.role)).toEqual(["narrator"]);
    expect(script.chapters.map((c) => c.title)).toEqual(["A story of the sea", "The storm"]);
  });
});

describe("interview forms: near misses", () => {
  it("two people who share a surname stay two speakers, and no label is spoken", () => {
    const text =
      "JOHN SMITH: We bought the farm.\n\nMARY SMITH: We did, in May.\n\nJOHN SMITH: It rained all summer.\n\nMARY SMITH: And the barn leaked.\n";
    // Names printed in capitals are given in mixed case.
    expect(turns(text)).toEqual([
      "John Smith: We bought the farm.",
      "Mary Smith: We did, in May.",
      "John Smith: It rained all summer.",
      "Mary Smith: And the barn leaked.",
    ]);
  });

  it("a bullet list of '- ' items in a narrative is not an interview", () => {
    const text =
      "A packing list for a trip\n\nWe always bring the same things when we travel for a week.\n\n- A warm jacket for the evenings.\n\n- Two pairs of walking shoes.\n\n- A book to read on the train.\n\nThat is all we ever need, and it fits in one bag.\n";
    expect(scriptOf(text).speakers.map((s) => s.role)).toEqual(["narrator"]);
  });

  it("a lone 'A.' is text, not an empty answer", () => {
    const text = "Q: First?\n\nA: Yes.\n\nQ: Second?\n\nA.\n\nA: Then no.\n";
    // Unlabelled, it continues the current speaker, and is read.
    expect(turns(text)).toEqual([
      "host: First?",
      "guest: Yes.",
      "host: Second?",
      "host: A.",
      "guest: Then no.",
    ]);
  });
});
