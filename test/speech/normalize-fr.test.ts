import { describe, expect, it } from "vitest";
import { normalize } from "../../src/speech/normalize/index.js";

const fr = (text: string) => normalize(text, "fr", "espeak");

describe("French normalisation", () => {
  it.each([
    ["à 13h36", "à 13 heures 36"],
    ["à 9 h", "à 9 heures"],
    ["à 13:36", "à 13 heures 36"],
    ["1 €", "1 euro"],
    ["2,5 €", "2 virgule 5 euros"],
    ["1 000 000 €", "1000000 euros"],
    ["2,9 Md€", "2 virgule 9 milliards d'euros"],
    ["5 %", "5 pour cent"],
    ["le 04.05.2015", "le 4 mai 2015"],
    ["le 01/12/2020", "le premier décembre 2020"],
    ["3 km", "3 kilomètres"],
    ["1,5 km", "1 virgule 5 kilomètre"],
    ["M. Dupont et Mme Durand", "Monsieur Dupont et Madame Durand"],
    ["«Bonjour» — dit-il.", "Bonjour, dit-il."],
    ["le 1er mai", "le premier mai"],
  ])("%s → %s", (input, expected) => expect(fr(input)).toBe(expected));
});
