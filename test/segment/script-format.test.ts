import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readScript } from "../../src/episode/read-script.js";
import { InputError } from "../../src/errors.js";
import { scriptFromText } from "../../src/script-file/load.js";
import { renderScript } from "../../src/script-file/text-form.js";

const corpus = join(import.meta.dirname, "..", "fixtures", "corpus");
const inputs = [
  join(import.meta.dirname, "..", "..", "examples", "csto-interview.txt"),
  join(corpus, "07-opensource-audio-qa-interview-md", "source.md"),
  join(corpus, "11-upworthy-vetdogs-transcript-txt", "source.txt"),
  join(corpus, "03-lemonde-renseignement-fr", "source.html"),
];

describe("the script file format", () => {
  it.each(inputs)("round-trips %s through text and JSON unchanged", async (file) => {
    const script = await readScript(file);
    expect(scriptFromText(renderScript(script), "x.script")).toEqual(script);
    expect(scriptFromText(JSON.stringify(script), "x.json")).toEqual(script);
  });

  it("lets a person re-wrap a paragraph and fix a speaker", async () => {
    const script = await readScript(inputs[0] ?? "");
    const text = renderScript(script).replace(
      "[guest] The CSTO is closely monitoring",
      "[host] The CSTO is closely\nmonitoring",
    );
    const edited = scriptFromText(text, "edited.script");
    const segment = edited.chapters[1]?.segments[1];
    expect(segment?.speaker).toBe("host");
    expect(segment?.text.startsWith("The CSTO is closely monitoring the processes")).toBe(true);
  });

  it("refuses an unknown speaker and malformed JSON, naming the place", () => {
    const bad = {
      meta: { title: "T", language: "en" },
      speakers: [{ id: "narrator", role: "narrator" }],
      chapters: [{ title: "T", segments: [{ speaker: "ghost", text: "Boo." }] }],
      dropped: [],
    };
    expect(() => scriptFromText(JSON.stringify(bad), "bad.json")).toThrow(
      /bad\.json: "chapters\[0\]\.segments\[0\]\.speaker" names the unknown speaker "ghost" \(known: narrator\)/,
    );
    expect(() => scriptFromText('{"meta": {', "broken.json")).toThrow(InputError);
    expect(() => scriptFromText('{"meta": {', "broken.json")).toThrow(
      /broken\.json is not valid script JSON/,
    );
  });
});
