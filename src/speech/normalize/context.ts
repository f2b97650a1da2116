/**
 * What a sentence's reading needs from the rest of its article. A date such as "3/4/2024" means
 * March 4 in an article that writes "March 3, 2024" elsewhere and 3 April in one that writes
 * "3 April 2024" or "25/12/2024": the article's own dates decide, then its language's region.
 */

export interface ArticleContext {
  /** Whether numeric dates put the month first ("3/4/2024" = March 4). */
  monthFirst: boolean;
}

const MONTH_NAMES =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";
const MONTH_DAY = new RegExp(String.raw`\b(?:${MONTH_NAMES})\.?\s+\d{1,2}(?:st|nd|rd|th)?\b`, "g");
const DAY_MONTH = new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTH_NAMES})\b`, "g");
const NUMERIC = /\b(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b/g;

/** Regions whose dates put the month first; every other region, and other languages, put the day first. */
const MONTH_FIRST_REGIONS = /^en-(?:us|ca|ph|fm|mh|pw|as|gu|mp|pr|um|vi)$/i;

/** The article's date order from its written-out and unambiguous numeric dates, else its language. */
export function articleContext(text: string, language: string): ArticleContext {
  let monthFirst = 0;
  let dayFirst = 0;
  if (/^en\b/i.test(language)) {
    monthFirst += text.match(MONTH_DAY)?.length ?? 0;
    dayFirst += text.match(DAY_MONTH)?.length ?? 0;
  }
  for (const [, a = "", b = ""] of text.matchAll(NUMERIC)) {
    if (Number(a) > 12 && Number(b) <= 12) dayFirst += 1;
    if (Number(b) > 12 && Number(a) <= 12) monthFirst += 1;
  }
  if (monthFirst !== dayFirst) return { monthFirst: monthFirst > dayFirst };
  return { monthFirst: MONTH_FIRST_REGIONS.test(language) };
}
