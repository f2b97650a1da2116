import { describe, expect, it } from "vitest";
import { normalize } from "../../src/speech/normalize/index.js";

const en = (text: string, engine = "flite") => normalize(text, "en", engine);

describe("English normalisation (the readings ENGINES.md says engines get wrong)", () => {
  it.each([
    ["by 1.5 thousand km.", "by one point five thousand kilometers."],
    ["It cost $3.2 billion", "It cost three point two billion dollars"],
    ["€2.9 bn", "two point nine billion euros"],
    ["On 12/03/2025 it", "On the twelfth of March, twenty twenty-five it"],
    ["5% of GDP", "five percent of GDP"],
    ["in the 1990s", "in the nineteen nineties"],
    ["March 1st of 2004", "March first of two thousand four"],
    ["21 Marines", "twenty-one Marines"],
    ["the #1 hit", "the number one hit"],
    ["AT&T", "A T and T"],
    ["in the mid-'80 they", "in the mid eighties they"],
  ])("%s → %s", (input, expected) => {
    expect(en(input)).toBe(expected);
  });
});

describe("numbers", () => {
  it.each([
    ["1,500,000 people", "one million five hundred thousand people"],
    ["3.14", "three point one four"],
    ["0.5", "zero point five"],
    ["-4 degrees", "minus four degrees"],
    ["100", "one hundred"],
    ["101 dalmatians", "one hundred one dalmatians"],
    ["7", "seven"],
  ])("%s → %s", (input, expected) => expect(en(input)).toBe(expected));
});

describe("money, percentages and units", () => {
  it.each([
    ["1 €", "one euro"],
    ["5 €", "five euros"],
    ["$1", "one dollar"],
    ["$3.50", "three dollars and fifty cents"],
    ["£5m", "five million pounds"],
    ["US$2 billion", "two billion U S dollars"],
    ["300 EUR", "three hundred euros"],
    ["12.5 %", "twelve point five percent"],
    ["1 km", "one kilometer"],
    ["60 kg", "sixty kilograms"],
    ["100 m", "one hundred meters"],
    ["3 cm", "three centimeters"],
    ["70 mph", "seventy miles per hour"],
    ["90 km/h", "ninety kilometers per hour"],
    ["25°C", "twenty-five degrees Celsius"],
    ["10-15 km", "ten to fifteen kilometers"],
  ])("%s → %s", (input, expected) => expect(en(input)).toBe(expected));
});

describe("years, dates, ordinals and times", () => {
  it.each([
    ["in 2025", "in twenty twenty-five"],
    ["in 1905", "in nineteen oh five"],
    ["in 2000", "in two thousand"],
    ["2010–2015", "twenty ten to twenty fifteen"],
    ["the '80s", "the eighties"],
    ["class of '99", "class of ninety-nine"],
    ["the 21st century", "the twenty-first century"],
    ["his 2nd and 3rd try", "his second and third try"],
    ["on 1 March", "on the first of March"],
    ["04.05.2015", "the fourth of May, twenty fifteen"],
    ["2025-03-12", "the twelfth of March, twenty twenty-five"],
    ["at 10:00AM", "at ten A M"],
    ["at 9:30 p.m. sharp", "at nine thirty P M sharp"],
    ["at 14:05", "at fourteen oh five"],
    ["at 10:00", "at ten o'clock"],
  ])("%s → %s", (input, expected) => expect(en(input)).toBe(expected));

  it("reads slashed dates month first for en-US and whenever the day cannot be the first number", () => {
    expect(normalize("12/03/2025", "en-US", "flite")).toBe("December third, twenty twenty-five");
    expect(en("03/25/2025")).toBe("March twenty-fifth, twenty twenty-five");
  });
});

describe("abbreviations and symbols", () => {
  it.each([
    ["Mr. Smith met Dr. Jones", "Mister Smith met Doctor Jones"],
    ["Mrs. Brown vs. Ms. Green", "Missus Brown versus Miz Green"],
    ["apples, e.g. Fuji, i.e. sweet ones", "apples, for example Fuji, that is sweet ones"],
    ["pens, paper etc.", "pens, paper et cetera."],
    ["troops in the U.S. and the U.K.", "troops in the U S and the U K."],
    ["R&D and sales", "R and D and sales"],
    ["salt & pepper", "salt and pepper"],
    ["he/she and/or you", "he or she and or you"],
    ["open 24/7", "open twenty-four seven"],
    ["2 + 2 = 4", "two plus two equals four"],
  ])("%s → %s", (input, expected) => expect(en(input)).toBe(expected));
});
