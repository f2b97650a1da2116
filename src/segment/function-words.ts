/**
 * A language guess for short Latin-script texts, from their commonest words. Statistical detectors
 * need a few hundred letters; thirty words of German already hold "der", "und", "ist" and "nicht"
 * several times, and almost never the function words of English or French.
 */

/** Frequent words of each language that are rare as words in the others ("in" and "die" are left out). */
const FUNCTION_WORDS: Record<string, string> = {
  en: "the and of to is was that with for this are have has be not but from they we you he she which would will been were their an or it at by what who there",
  de: "der die das und ist nicht ein eine einen einem mit auf für von dem den des sich auch wir ich zu im wird werden wurde hat haben sind war aber oder noch nach bei aus wie um über es sie",
  fr: "le les et est une des du dans pour que qui pas sur avec il elle nous vous ce cette sont ont au aux par mais ou été être son sa ses leur plus",
  es: "el los las y es una del que por para con no se su sus al lo como pero más está son fue ha han este esta muy ya también",
  it: "il gli di che è per non una con del della sono come ma anche nel alla questo questa stato essere ha hanno",
  pt: "os não uma com para do da em é por mais no na ao são foi também ele ela isso este esta",
  nl: "het een van niet dat op te met voor zijn er ook aan als bij maar wordt werd naar heeft hebben",
};
const LOOKUP = new Map<string, Set<string>>();
for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
  LOOKUP.set(language, new Set(words.split(" ")));
}

/**
 * The language whose function words clearly dominate `text`: at least three hits, one word in ten
 * (function words are a third of any running text in these languages) and twice the runner-up's
 * hits; undefined when no language stands out.
 */
export function guessFromFunctionWords(text: string): string | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = [...LOOKUP].map(([language, set]) => {
    return [language, words.filter((word) => set.has(word)).length] as const;
  });
  scores.sort((a, b) => b[1] - a[1]);
  const [best, second] = scores;
  if (!best || best[1] < 3 || best[1] < words.length / 10) return undefined;
  return best[1] >= 2 * (second?.[1] ?? 0) ? best[0] : undefined;
}
