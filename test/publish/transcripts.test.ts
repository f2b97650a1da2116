import { describe, expect, it } from "vitest";
import { chapterListText, toChaptersJson } from "../../src/publish/chapters.js";
import { toSrt, toTranscriptJson, toVtt } from "../../src/publish/transcripts.js";
import { HOSTILE, sampleManifest } from "./helpers.js";

describe("transcripts", () => {
  const m = sampleManifest();

  it("writes WebVTT with voice tags, short lines and nothing that breaks the format", () => {
    const vtt = toVtt(m);
    expect(vtt).toMatchSnapshot();
    // The article's address comes first, as a NOTE (WebVTT's comment block).
    expect(vtt.startsWith("WEBVTT\n\nNOTE\nSource: https://news.example.org/river\n\n")).toBe(true);
    for (const line of vtt.split("\n")) expect(line.length).toBeLessThanOrEqual(65);
    const blocks = vtt.trim().split("\n\n").slice(2);
    expect(blocks).toHaveLength(4);
    for (const block of blocks) {
      const [, timing, ...text] = block.split("\n");
      expect(timing).toMatch(/^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$/);
      expect(text.join("\n")).not.toContain("-->");
      for (const line of text) expect(line).not.toMatch(/\p{Cc}/u);
    }
    expect(vtt).toContain("<v Maria Lopez>");
    expect(vtt).toContain("<v Narrator>");
    expect(vtt).toContain("water &amp; people &lt;meet&gt; there.");
  });

  it("escapes a hostile title and speaker name in VTT", () => {
    const hostile = sampleManifest({
      speakers: [{ id: "narrator", role: "narrator", name: HOSTILE, engine: "flite", voice: "slt" }],
      cues: [{ start: 0, end: 1, chapter: 0, speaker: "narrator", text: HOSTILE }],
    });
    const vtt = toVtt(hostile);
    expect(vtt).not.toContain("<script>");
    expect(vtt).not.toMatch(/]]>|&(?!amp;|lt;|gt;)/);
    const [, timing, ...text] = vtt.trim().split("\n\n")[2]?.split("\n") ?? [];
    expect(timing).toBe("00:00:00.000 --> 00:00:01.000");
    expect(text.join(" ")).toBe(
      '<v &lt;script&gt;alert(1)>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Q&amp;A" ]]&gt;',
    );
  });

  it("writes SRT with speaker names and comma milliseconds", () => {
    const srt = toSrt(m);
    expect(srt).toMatchSnapshot();
    expect(srt).toContain("00:00:01,250 --> 00:00:01,900\nMaria Lopez: Why rivers -> towns? Tell us.");
    for (const line of srt.split("\n")) expect(line.length).toBeLessThanOrEqual(65);
  });

  it("writes the Podcasting 2.0 JSON transcript", () => {
    const json = JSON.parse(toTranscriptJson(m));
    expect(json).toMatchSnapshot();
    expect(json.version).toBe("1.0.0");
    expect(json.source).toBe("https://news.example.org/river");
    expect(json.segments[3]).toEqual({
      speaker: "Dr. Sam Okafor",
      startTime: 1.9,
      endTime: 3,
      body: "Because water & people <meet> there.",
    });
  });

  it("writes Podcasting 2.0 chapters and the description's chapter lines", () => {
    const chapters = JSON.parse(toChaptersJson(m));
    expect(chapters).toMatchSnapshot();
    expect(chapters.version).toBe("1.2.0");
    expect(chapters.chapters.map((c: { startTime: number }) => c.startTime)).toEqual([0, 1.25]);
    const long = sampleManifest({ chapters: [{ title: "Late", start: 3725.9, end: 3800 }] });
    expect(chapterListText(long)).toBe("01:02:05 Late");
    expect(chapterListText(m)).toBe("00:00:00 Introduction\n00:00:01 The interview");
  });
});
