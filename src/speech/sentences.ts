/**
 * Sentence splitting. `Intl.Segmenter` does the work; two guards follow: it splits after
 * abbreviations such as "Mr.", "z. B." or "т. е." and after a German ordinal ("am 3. März"), where
 * a sentence must not end, and an engine may take only so many characters at once, so long
 * sentences are cut at clause boundaries, then between words.
 */

/**
 * Abbreviations after which a sentence never ends, whatever follows ("Mr. Smith", "z. B. Äpfel"),
 * "|"-separated. A space inside one ("z. B") also matches the spaceless form ("z.B").
 */
const NEVER_END: Record<string, string> = {
  en: "Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|No|vs",
  de: "z. B|d. h|bzw|u. a|v. a|o. ä|s. o|s. u|vgl|evtl|ggf|inkl|bspw|ca|Nr|Dr|Prof|Hr|Fr|St|Str|Mio|Mrd|Tsd|Jh|S|Abs|Bd|sog",
  fr: "M|MM|Mme|Mlle|Dr|Pr|Me|St|Ste|n°|p. ex|c.-à-d|av. J.-C|apr. J.-C",
  es: "Sr|Sra|Srta|Sres|Dr|Dra|Lic|Ing|D|Dña|Ud|Uds|núm|n.º|pág|EE|p. ej|aprox|Av|Avda|Gral",
  ru: "г|гг|т. е|т. к|т. н|им|ул|д|млн|млрд|тыс|руб|коп|напр|см",
};
/** Abbreviations after which a sentence ends only when the next word starts with a capital. */
const SOFT_END: Record<string, string> = {
  en: "e.g|i.e|etc|cf|approx|et al",
  de: "usw|etc|u. Ä",
  fr: "etc|cf",
  es: "etc|EE. UU",
  ru: "т. д|т. п|др",
};
/**
 * Words before a number that make "3." a German ordinal ("am 3. März", "im 19. Jahrhundert"). Not
 * "seit", "bis" or "ab": "seit 2015. Danach…" ends a sentence with a year.
 */
const ORDINAL_CUE = /(?:^|\s)(?:am|im|vom|zum|beim|der|die|das|dem|den|des|jeden|jedes|jeder)\s+\d{1,3}\.$/i;
const MONTH_NEXT =
  /^\s*(?:Jan|Feb|Mär|Mar|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez|janv|févr|mars|avr|juin|juil|août|sept|oct|déc)/i;

interface Rules {
  never: RegExp;
  soft: RegExp;
  /** For "z. B": the segmenter may break after "z."; a break between a prefix and its rest is false. */
  inner: Array<[prefix: RegExp, rest: RegExp]>;
  germanOrdinals: boolean;
}
const rulesByLanguage = new Map<string, Rules>();

/** One pattern matching any of the "|"-separated abbreviations, with its dot, at the end of a text. */
function endPattern(list: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.split("|").map(loose).join("|")})\\.$`, "u");
}

/** An abbreviation as a pattern: "z. B" matches "z. B" and "z.B". */
function loose(abbreviation: string): string {
  return abbreviation
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\\\. /g, "\\.\\s?")
    .replace(/ /g, "\\s");
}

/** Every way to cut a dotted abbreviation after one of its inner dots: "z. B" → [z.] + [B.]. */
function innerCuts(lists: string[]): Rules["inner"] {
  const cuts: Rules["inner"] = [];
  for (const abbreviation of lists.flatMap((list) => list.split("|"))) {
    for (const match of abbreviation.matchAll(/\.(?=.)/g)) {
      const head = abbreviation.slice(0, match.index + 1);
      const rest = abbreviation.slice(match.index + 1).trim();
      cuts.push([
        new RegExp(`(?<![\\p{L}\\p{N}])${loose(head)}$`, "u"),
        new RegExp(`^\\s*${loose(rest)}\\.`, "u"),
      ]);
    }
  }
  return cuts;
}

function rulesFor(language: string): Rules {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? "";
  const known = primary in NEVER_END ? primary : "en";
  let rules = rulesByLanguage.get(known);
  if (!rules) {
    rules = {
      never: endPattern(NEVER_END[known] ?? ""),
      soft: endPattern(SOFT_END[known] ?? ""),
      inner: innerCuts([NEVER_END[known] ?? "", SOFT_END[known] ?? ""]),
      germanOrdinals: known === "de",
    };
    rulesByLanguage.set(known, rules);
  }
  return rules;
}

function lastWord(sentence: string): string {
  return /(\S+)\s*$/.exec(sentence)?.[1] ?? "";
}

/** True when the segmenter's break after `sentence` (followed by `next`) falls inside a sentence. */
function isFalseBreak(sentence: string, next: string, rules: Rules): boolean {
  const tail = sentence.trimEnd();
  if (!tail.endsWith(".")) return false;
  if (rules.never.test(tail)) return true;
  if (rules.inner.some(([head, rest]) => head.test(tail) && rest.test(next))) return true;
  const startsLower = /^\s*[\p{Ll}\d]/u.test(next);
  if (rules.germanOrdinals && /(?<![\d.,])\d{1,3}\.$/.test(tail)) {
    if (startsLower || MONTH_NEXT.test(next) || ORDINAL_CUE.test(tail)) return true;
  }
  const bare = lastWord(tail)
    .slice(0, -1)
    .replace(/^[("«“'‘]+/, "");
  // "U.S." or "J." before a lower-case word or a number: an initialism, not an ending.
  if (/^(?:\p{Lu}\.)*\p{Lu}$/u.test(bare) && startsLower) return true;
  return startsLower && rules.soft.test(tail);
}

/**
 * One segmenter per language for the whole run. Each holds an ICU break iterator in native
 * memory that V8 does not count, so one per paragraph piled up unseen: 77 MB of RSS for the
 * 2,932 sentences of a 50,000-word article, before the first one was spoken.
 */
const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(language, { granularity: "sentence" });
    } catch {
      segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
    }
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/**
 * The sentences of `text` in order, trimmed, with nothing dropped: joined with spaces they give
 * back the text's words.
 */
export function splitSentences(text: string, language: string): string[] {
  const segmenter = segmenterFor(language);
  const rules = rulesFor(language);
  const pieces = [...segmenter.segment(text)].map((part) => part.segment);
  const sentences: string[] = [];
  let current = "";
  pieces.forEach((piece, index) => {
    current += piece;
    const next = pieces[index + 1];
    if (next !== undefined && isFalseBreak(current, next, rules)) return;
    if (current.trim()) sentences.push(current.trim());
    current = "";
  });
  if (current.trim()) sentences.push(current.trim());
  return sentences;
}

/**
 * Pieces no longer than `maxChars`, cut after the last clause mark (,;:—–) that fits, else at
 * the last space that fits. A word is never cut. A run of more than `maxChars` characters with
 * no space in it (a pasted hash, a URL, a line of dashes) is no word a listener could hear, and
 * no engine can take it whole: it is cut after a `/`, `-`, `_` or `.` that fits, else at the limit.
 */
export function splitLong(sentence: string, maxChars: number): string[] {
  const limit = Math.max(1, Math.floor(maxChars));
  const text = sentence.trim();
  if (text.length <= limit) return text ? [text] : [];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = clauseCut(rest, limit) ?? wordCut(rest, limit) ?? runCut(rest, limit);
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The end of the longest prefix within `maxChars` that ends at a clause mark followed by a space. */
function clauseCut(text: string, maxChars: number): number | undefined {
  let best: number | undefined;
  for (const match of text.matchAll(/[,;:—–](?=\s)|\s[—–](?=\s)/g)) {
    const end = match.index + match[0].length;
    if (end > maxChars) break;
    if (text.slice(0, end).trim().length > 0) best = end;
  }
  // A clause cut that leaves a tiny first piece sounds worse than a cut between words.
  return best !== undefined && best >= maxChars / 3 ? best : undefined;
}

/** The last whitespace within `maxChars` (a first piece of at least one character), if any. */
function wordCut(text: string, maxChars: number): number | undefined {
  for (let at = Math.min(maxChars, text.length - 1); at > 0; at--) {
    if (/\s/.test(text.charAt(at))) return at;
  }
  return undefined;
}

/** Inside an over-long run with no space: after the last separator that fits, else at the limit. */
function runCut(text: string, maxChars: number): number {
  const head = text.slice(0, maxChars);
  const separator = Math.max(
    head.lastIndexOf("/"),
    head.lastIndexOf("-"),
    head.lastIndexOf("_"),
    head.lastIndexOf("."),
  );
  return separator >= maxChars / 3 ? separator + 1 : maxChars;
}
