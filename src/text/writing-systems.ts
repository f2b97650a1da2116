/** Writing systems, for telling an article's own lines from UI lines in another script. */
const SCRIPTS: Array<[string, RegExp]> = [
  ["Latin", /\p{Script=Latin}/gu],
  ["Cyrillic", /\p{Script=Cyrillic}/gu],
  ["Greek", /\p{Script=Greek}/gu],
  ["Han", /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ["Hangul", /\p{Script=Hangul}/gu],
  ["Arabic", /\p{Script=Arabic}/gu],
  ["Hebrew", /\p{Script=Hebrew}/gu],
  ["Devanagari", /\p{Script=Devanagari}/gu],
  ["Thai", /\p{Script=Thai}/gu],
];

/** The script most of the letters are written in, or undefined when there are no letters. */
export function writingSystemOf(text: string): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  let total = 0;
  for (const [name, pattern] of SCRIPTS) {
    const count = text.match(pattern)?.length ?? 0;
    total += count;
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  // A line that mixes scripts (a Latin name in a Cyrillic sentence) belongs to the majority only if clear.
  return bestCount >= total * 0.6 ? best : undefined;
}

export function dominantWritingSystem(text: string): string {
  return writingSystemOf(text) ?? "Latin";
}
