import { describe, expect, it } from "vitest";
import { articleLanguage, DETECTABLE_LANGUAGES } from "../../src/segment/language.js";
import { voiceExists } from "../../src/speech/profile.js";
import { loadEngine } from "../../src/synthesize/registry.js";

/** Thirty words of German, the length of a short news item, with no declaration. */
const GERMAN_30_WORDS =
  "Die Stadt hat am Montag beschlossen, dass die Bibliothek im Sommer länger geöffnet bleibt. Viele Familien hatten sich das gewünscht, weil Kinder in den Ferien nicht wissen, wohin sie sollen.";

/** Swahili, long enough for the statistical detector, which names it: no voice here speaks it. */
const SWAHILI =
  "Watoto wengi wanapenda kucheza mpira kila siku baada ya shule. Mwalimu wao aliwaambia kwamba elimu ni ufunguo wa maisha, na kwa hiyo wanapaswa kusoma kwa bidii. Katika kijiji chetu kuna mto mkubwa ambapo wanawake huchota maji asubuhi na jioni. Wazee hukaa chini ya mti wa mwembe na kuzungumza kuhusu mvua, mavuno na habari za mji. Wakati wa jioni familia nzima hukusanyika pamoja kula chakula na kusikiliza hadithi za zamani kutoka kwa bibi yao.";

describe("the article's language", () => {
  it("takes what the page or front matter declares, tidied", () => {
    expect(articleLanguage("en_us", GERMAN_30_WORDS)).toBe("en-US");
    expect(articleLanguage("fr", GERMAN_30_WORDS)).toBe("fr");
    expect(articleLanguage("not a tag!", GERMAN_30_WORDS)).toBe("de");
  });

  it("tells short texts apart by their function words", () => {
    expect(GERMAN_30_WORDS.split(/\s+/)).toHaveLength(30);
    expect(articleLanguage(undefined, GERMAN_30_WORDS)).toBe("de");
    expect(
      articleLanguage(
        undefined,
        "Le gouvernement a présenté mardi un projet de loi sur le logement qui sera examiné par les députés.",
      ),
    ).toBe("fr");
    expect(
      articleLanguage(
        undefined,
        "El gobierno presentó el martes un proyecto de ley sobre la vivienda que será debatido por los diputados.",
      ),
    ).toBe("es");
    expect(
      articleLanguage(
        undefined,
        "The council said on Monday that the library will stay open longer in the summer.",
      ),
    ).toBe("en");
    expect(articleLanguage(undefined, "Правительство во вторник представило законопроект о жилье.")).toBe(
      "ru",
    );
  });

  it("uses the profile's language when a short text does not tell", () => {
    expect(articleLanguage(undefined, "Berlin, Paris, Madrid.", "de")).toBe("de");
    expect(articleLanguage(undefined, "OK.", "fr")).toBe("fr");
  });

  it("does not trust a guess of a language nothing here speaks: the profile's language is used", () => {
    expect(SWAHILI.length).toBeGreaterThan(400);
    expect(articleLanguage(undefined, SWAHILI, "en")).toBe("en");
    expect(articleLanguage(undefined, SWAHILI, "fr")).toBe("fr");
  });

  it("returns only languages eSpeak NG has a voice for", async () => {
    const espeak = await loadEngine("espeak");
    const ids = (await espeak.voices()).map((voice) => voice.id);
    expect(DETECTABLE_LANGUAGES.filter((language) => !voiceExists(language, ids))).toEqual([]);
  });
});
