import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { loadLexicon } from "../../src/speech/lexicon.js";
import { defaultLexiconPath, defaultProfilePath, loadProfile } from "../../src/speech/profile.js";
import { toUtterances } from "../../src/speech/utterances.js";
import type { Script } from "../../src/types.js";

const check = async (engine: string) =>
  ({
    flite: ["awb", "kal", "kal16", "rms", "slt"],
    espeak: ["en", "en-us", "en-gb-scotland", "fr", "fr-be", "fr-ch", "ru", "de", "es"],
  })[engine] ?? null;
const profile = await loadProfile(defaultProfilePath, check);
const lexicon = await loadLexicon([defaultLexiconPath]);
const { pauses } = profile;

const script: Script = {
  meta: { title: "“The CSTO is monitoring” Europe", language: "en" },
  speakers: [
    { id: "narrator", role: "narrator" },
    { id: "host", name: "Izvestia", role: "host" },
    { id: "guest", name: "Imangali Tasmagambetov", role: "guest" },
  ],
  chapters: [
    {
      title: "“The CSTO is monitoring” Europe",
      segments: [
        {
          speaker: "narrator",
          text: "Sending troops will create danger, the Secretary General told Izvestia. The next session is in November.",
        },
        { speaker: "host", text: "— How does the CSTO assess this? Does it require a reaction?" },
        { speaker: "guest", text: "— The CSTO is monitoring the US. Mr. Merz spoke of 5% of GDP." },
        { speaker: "guest", text: "Such concern is natural." },
      ],
    },
    {
      title: "Working contacts with Yerevan",
      segments: [
        {
          speaker: "guest",
          text: "We maintain working contacts with Yerevan — an ally. Nothing has changed.",
        },
      ],
    },
  ],
  dropped: [],
};

describe("toUtterances", () => {
  const utterances = toUtterances(script, profile, { lexicon });

  it("reads every sentence of the script exactly once, in order", () => {
    const written = script.chapters
      .flatMap((chapter) => chapter.segments.map((segment) => segment.text))
      .join(" ");
    const body = utterances.filter((utterance) => utterance.segment >= 0).map((utterance) => utterance.text);
    expect(body.join(" ").split(/\s+/)).toEqual(written.split(/\s+/));
    expect(body).toHaveLength(9);
  });

  it("starts with the title by the narrator, reads a differing chapter heading, and not a repeated one", () => {
    expect(utterances[0]).toMatchObject({
      chapter: 0,
      segment: -1,
      speaker: "narrator",
      pauseAfterMs: pauses.title,
    });
    expect(utterances[0]?.spoken).toBe("The C S T O is monitoring Europe");
    expect(utterances[0]?.voice.voice).toBe("slt");
    expect(
      utterances.filter((utterance) => utterance.segment === -1).map((utterance) => utterance.text),
    ).toEqual(["“The CSTO is monitoring” Europe", "Working contacts with Yerevan"]);
  });

  it("gives pauses in the order sentence < paragraph < turn < chapter and none at the end", () => {
    const pauseAfter = (text: string) =>
      utterances.find((utterance) => utterance.text.startsWith(text))?.pauseAfterMs;
    expect(pauseAfter("Sending troops")).toBe(pauses.sentence);
    expect(pauseAfter("The next session")).toBe(pauses.turn);
    expect(pauseAfter("Mr. Merz")).toBe(pauses.paragraph);
    expect(pauseAfter("Such concern")).toBe(pauses.chapter);
    expect(pauseAfter("Working contacts")).toBe(pauses.title);
    expect(utterances.at(-1)?.pauseAfterMs).toBe(0);
    expect(
      pauses.sentence < pauses.paragraph && pauses.paragraph < pauses.turn && pauses.turn < pauses.chapter,
    ).toBe(true);
  });

  it("keeps the written text for transcripts and normalised text for the engine", () => {
    const merz = utterances.find((utterance) => utterance.text.startsWith("Mr. Merz"));
    expect(merz).toMatchObject({
      text: "Mr. Merz spoke of 5% of GDP.",
      spoken: "Mister Merz spoke of five percent of G D P.",
    });
    expect(merz?.voice.voice).toBe("rms");
    expect(utterances.find((utterance) => utterance.text.startsWith("— How"))?.spoken).toBe(
      "How does the C S T O assess this?",
    );
    expect(utterances.find((utterance) => utterance.text.startsWith("We maintain"))?.spoken).toBe(
      "We maintain working contacts with Yerevan, an ally.",
    );
  });

  it("cuts long sentences to the engine's limit, measured on the spoken text", () => {
    const long: Script = {
      ...script,
      chapters: [
        {
          title: "",
          segments: [
            {
              speaker: "guest",
              text: "The line grew by 1.5 thousand km, from 1,250 to 2,750 km, in 2025, and the budget by $3.2 billion, which is 5% of GDP.",
            },
          ],
        },
      ],
    };
    const pieces = toUtterances(long, profile, { lexicon, maxChars: () => 60 }).filter(
      (utterance) => utterance.segment >= 0,
    );
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(piece.spoken.length).toBeLessThanOrEqual(60);
    expect(pieces.map((piece) => piece.text).join(" ")).toBe(long.chapters[0]?.segments[0]?.text);
    expect(pieces.slice(0, -1).every((piece) => piece.pauseAfterMs === pauses.clause)).toBe(true);
  });

  it("uses the language's voices and keeps Unicode for eSpeak", () => {
    const french: Script = {
      meta: { title: "À 13h36", language: "fr" },
      speakers: [{ id: "narrator", role: "narrator" }],
      chapters: [{ title: "", segments: [{ speaker: "narrator", text: "Il a payé 1 € à l'OTAN." }] }],
      dropped: [],
    };
    const [title, body] = toUtterances(french, profile, { lexicon });
    expect(title).toMatchObject({ spoken: "À 13 heures 36", voice: { engine: "espeak", voice: "fr+f3" } });
    expect(body?.spoken).toBe("Il a payé 1 euro à l'Otan.");
  });

  it("rejects a segment whose speaker is not in the script", () => {
    const bad: Script = { ...script, chapters: [{ title: "", segments: [{ speaker: "bob", text: "Hi." }] }] };
    expect(() => toUtterances(bad, profile)).toThrow(
      new InputError(
        'Chapter 1, segment 1 names speaker "bob", who is not among the script\'s speakers (narrator, host, guest); add the speaker or fix the segment.',
      ),
    );
  });
});

describe("intro and outro", () => {
  it("reads the intro in place of the title and the outro after a chapter's pause, both by the narrator", () => {
    const script: Script = {
      meta: { title: "Night buses", language: "en" },
      speakers: [
        { id: "narrator", role: "narrator" },
        { id: "host", role: "host", name: "Izvestia" },
        { id: "guest", role: "guest", name: "Ann Lee" },
      ],
      chapters: [{ title: "Night buses", segments: [{ speaker: "guest", text: "They run all night." }] }],
      dropped: [],
    };
    const announce = {
      intro: "Night buses. Ann Lee, interviewed by Izvestia.",
      outro: "That was an interview.",
    };
    const utterances = toUtterances(script, profile, { lexicon, announce });
    expect(utterances.map((u) => [u.text, u.speaker])).toEqual([
      ["Night buses.", "narrator"],
      ["Ann Lee, interviewed by Izvestia.", "narrator"],
      ["They run all night.", "guest"],
      ["That was an interview.", "narrator"],
    ]);
    expect(utterances.map((u) => u.pauseAfterMs)).toEqual([pauses.sentence, pauses.title, pauses.chapter, 0]);
    expect(utterances.every((u) => u.chapter === 0)).toBe(true);
  });
});
