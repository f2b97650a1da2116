/**
 * Who a label names. Newspapers print a person's full name at the first turn and a shorter form
 * after it: "Mr Malone", "Herr Malone", "M. Malone", "Sr. Malone", "Malone", "MALONE", "T.M." or
 * "TM". An outlet shortens the same way ("Der Spiegel", then "SPIEGEL"). Each shorter form joins
 * the one full name it fits, among the labels and the names the introduction gives; when it
 * fits two ("John Smith" and "Mary Smith") it stays a person of its own.
 */

/** Titles and honorifics before a name, in English, German, French, Spanish and Italian. */
const HONORIFICS = new Set(
  (
    "mr mrs ms miss mx dr dra prof professor professorin sir dame lord lady rev fr herr frau m mme mlle " +
    "monsieur madame sr sra srta señor señora don doña dott sig signor signora president präsident " +
    "präsidentin président présidente presidente senator gov governor judge minister ministerin ministre"
  ).split(" "),
);
const PARTICLES = new Set(
  "de del della der den des di da do dos das du la le van von zu ten ter al el bin ibn y".split(" "),
);

/** "Mr. John Smith:" → ["john", "smith"]; honorifics and punctuation go. */
function words(label: string): string[] {
  const all = label
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[’'.:]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  let start = 0;
  while (start < all.length - 1 && HONORIFICS.has(all[start] ?? "")) start++;
  return all.slice(start);
}

/** True when `short` is a shorter form of the full name `full` (both as words). */
function shortens(short: string[], full: string[]): boolean {
  const surname = full[full.length - 1];
  const initials = full.filter((w) => !PARTICLES.has(w)).map((w) => w[0]);
  // "T.M." or "T M": initials written apart.
  const joined = short.every((w) => w.length === 1) ? [short.join("")] : short;
  if (joined.length === 1) {
    const only = joined[0] ?? "";
    return (
      only === surname ||
      only === full.find((w) => !PARTICLES.has(w)) ||
      (only.length >= 2 && only === initials.join(""))
    );
  }
  // "J. Smith" or "T. J. Malone": single letters for the first names, then the surname.
  if (short[short.length - 1] !== surname) return false;
  const given = short.slice(0, -1);
  return given.every((w, i) => w.length === 1 && w === initials[i]);
}

/** A full name: two or more words, not all of them single letters before the last. */
function isFull(name: string[]): boolean {
  return name.length >= 2 && name.slice(0, -1).some((w) => w.length > 1);
}

/** Who is who among an article's labels. */
export interface People {
  /** Equal for every form of one person's name ("Thomas Malone", "Mr Malone", "TM"). */
  keyOf(name: string): string;
  /** The fullest form of the person's name among the labels, else from the introduction. */
  nameOf(key: string): string | undefined;
}

/**
 * The people the labels name. `introNames` are names the introduction or headline gives (the
 * guest's full name, the outlet): "Malone:" then takes the name "Thomas Malone" from there.
 */
export function resolvePeople(labels: string[], introNames: string[] = []): People {
  const fullNames = new Map<string, string[]>();
  for (const name of [...labels, ...introNames]) {
    const w = words(name);
    if (isFull(w)) fullNames.set(w.join(" "), w);
  }
  // "Stadtplanerin Katrin Weiß" from a headline and "Katrin Weiß" from a label are one person.
  const alias = new Map<string, string>();
  for (const key of fullNames.keys()) {
    const shorter = [...fullNames.keys()].find((other) => other !== key && key.endsWith(` ${other}`));
    if (shorter) alias.set(key, shorter);
  }
  for (const key of alias.keys()) fullNames.delete(key);
  const keyOf = (name: string): string => {
    const w = words(name);
    const own = w.join(" ");
    const aliased = alias.get(own);
    if (aliased) return aliased;
    if (fullNames.has(own)) return own;
    const owners = [...fullNames].filter(([, full]) => shortens(w, full));
    return owners.length === 1 ? (owners[0]?.[0] ?? own) : own;
  };
  const forms = new Map<string, string[]>();
  for (const label of labels) forms.set(keyOf(label), [...(forms.get(keyOf(label)) ?? []), label]);
  const nameOf = (key: string): string | undefined => {
    const written = forms.get(key) ?? [];
    const intro = introNames.filter((name) => keyOf(name) === key);
    const full = written.some((form) => isFull(words(form)));
    const candidates = full || intro.length === 0 ? written : [...written, ...intro];
    return candidates.length ? displayName(candidates) : undefined;
  };
  return { keyOf, nameOf };
}

/** The fullest form, written in mixed case when one is: "Thomas Malone" over "MALONE" or "TM". */
function displayName(forms: string[]): string {
  const score = (form: string) => {
    const w = words(form);
    return (isFull(w) ? 100 : 0) + w.length * 10 + (form === form.toUpperCase() ? 0 : 5) - form.length / 100;
  };
  const best = ([...forms].sort((a, b) => score(b) - score(a))[0] ?? "").replace(/\s*[:–—-]\s*$/u, "").trim();
  // One word in capitals is often how an outlet styles itself ("WIRED"); a full name is not.
  return best === best.toUpperCase() && /\s/.test(best) ? fromCapitals(best) : best;
}

/** "ROB QUINLAN" → "Rob Quinlan"; a word without a vowel is an acronym and stays ("BBC", "DR"). */
function fromCapitals(name: string): string {
  return name.replace(/\p{L}+/gu, (word) =>
    word.length > 1 && (/[AEIOUYÀ-ÖØ-Ý]/u.test(word) || HONORIFICS.has(word.toLowerCase()))
      ? word[0] + word.slice(1).toLowerCase()
      : word,
  );
}
