import { describe, expect, it } from "vitest";
import { toAscii } from "../../src/speech/normalize/common.js";
import { normalize, rulesFor } from "../../src/speech/normalize/index.js";

describe("typography is never read as words", () => {
  it("strips guillemets and curly quotes but keeps apostrophes", () => {
    expect(normalize("«Proposals» and “umbrellas” aren’t ‘plans’", "en", "espeak")).toBe(
      "Proposals and umbrellas aren't plans",
    );
  });

  it("turns em and en dashes into a comma the engine pauses at, and drops a dash opening a turn", () => {
    expect(normalize("— The CSTO — he said – is calm.", "en", "flite")).toBe("The CSTO, he said, is calm.");
  });

  it("turns brackets into commas and tidies doubled punctuation", () => {
    expect(normalize("The alliance (NATO) grew.", "en", "flite")).toBe("The alliance, NATO, grew.");
    expect(normalize("Wait (really)!", "en", "flite")).toBe("Wait, really!");
  });

  it("leaves no markup characters for eSpeak to parse", () => {
    expect(normalize("a < b and <b>bold</b> & more", "en", "espeak")).not.toMatch(/[<>&]/);
  });
});

describe("ASCII for Flite", () => {
  it("transliterates accented Latin letters only for ASCII-only engines", () => {
    expect(normalize("Malmö, Åre, café, Straße", "en", "flite")).toBe("Malmo, Are, cafe, Strasse");
    expect(normalize("Malmö, Åre, café", "en", "espeak")).toBe("Malmö, Åre, café");
  });

  it("romanises Cyrillic and drops whatever else cannot be said", () => {
    expect(toAscii("Озвучить текст")).toBe("Ozvuchit tekst");
    expect(toAscii("snow ☃ man")).toBe("snow man");
    expect(normalize("Øresund ½ — «Ελλάδα»", "en", "flite")).toMatch(/^[\x20-\x7e]*$/);
  });
});

describe("language registry", () => {
  it("falls back from a region tag to its language and to the shared steps for unknown languages", () => {
    expect(rulesFor("en-GB")).toBe(rulesFor("en"));
    expect(rulesFor("fr-CA")).toBe(rulesFor("fr"));
    expect(rulesFor("it")).toBeUndefined();
    expect(normalize("«Ciao» — disse, 5,5 %.", "it", "espeak")).toBe("Ciao, disse, 5,5 %.");
    expect(normalize("«Привет» — сказал он, 5,5 %.", "ru", "espeak")).toBe(
      "Привет, сказал он, пять целых пять десятых процента.",
    );
  });
});
