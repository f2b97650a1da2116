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
