import { describe, expect, it } from "vitest";
import { readAloud } from "./read-aloud.js";
import { READING_CASES } from "./reading-cases.js";

describe.each(Object.entries(READING_CASES))("reading %s aloud", (language, cases) => {
  it.each(cases)("%s → %s", (input, spoken) => {
    expect(readAloud(input, language)).toBe(spoken);
  });
});

it("has at least 100 cases across the five languages", () => {
  const counts = Object.values(READING_CASES).map((cases) => cases.length);
  expect(Object.keys(READING_CASES).sort()).toEqual(["de", "en", "es", "fr", "ru"]);
  expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(100);
});
