/**
 * Things written for machines, said for people: web addresses, e-mail addresses, phone numbers and
 * version numbers. They run before any other number rule, which would otherwise read a phone number
 * as a subtraction ("555-123-4567"), a version as a decimal and an address's slash as "or".
 */
import { spellerFor } from "./numbers.js";
import { vocabularyFor } from "./vocabulary.js";

/** Top-level domains that make a bare "name.tld" an address; short words ("at", "it") are left out. */
const TLD =
  "com|org|net|gov|edu|mil|int|info|io|co|uk|us|ca|au|de|fr|es|ru|eu|ch|nl|pl|se|no|ua|by|kz|jp|cn|dev|app|ai|tv|news|рф";
const DOMAIN = String.raw`(?:[\p{L}\d](?:[\p{L}\d-]*[\p{L}\d])?\.)+(?:${TLD})`;
const URL = new RegExp(
  String.raw`\bhttps?://[^\s<>"«»]+|(?<![\p{L}\d@.-])(?:www\.)?${DOMAIN}(?![\p{L}\d-])(?:/[^\s<>"«»]*)?`,
  "giu",
);
const EMAIL = new RegExp(String.raw`(?<![\p{L}\d.+_-])[\p{L}\d._%+-]+@${DOMAIN}(?![\p{L}\d-])`, "giu");

/** "nasa.gov" → "nasa dot gov", "www" → "w w w", a hyphen → "dash". */
function sayHost(host: string, language: string): string {
  const words = vocabularyFor(language);
  return host
    .split(".")
    .filter(Boolean)
    .map((label) => (label.toLowerCase() === "www" ? "w w w" : label.split("-").join(` ${words.dash} `)))
    .join(` ${words.dot} `);
}

/** "https://www.nasa.gov/missions/" → "w w w dot nasa dot gov slash missions"; query and fragment dropped. */
function sayUrl(url: string, language: string): string {
  const words = vocabularyFor(language);
  const bare = url.replace(/^https?:\/\//i, "").replace(/[?#].*$/, "");
  const [host = "", ...path] = bare.split("/");
  const parts = [sayHost(host.replace(/:\d+$/, ""), language)];
  for (const segment of path.filter(Boolean)) {
    parts.push(words.slash, segment.replace(/[-_+]+/g, " ").replace(/\./g, ` ${words.dot} `));
  }
  return parts.join(" ");
}

function sayEmail(address: string, language: string): string {
  const words = vocabularyFor(language);
  const [local = "", host = ""] = address.split("@");
  const user = local
    .replace(/\./g, ` ${words.dot} `)
    .replace(/_/g, ` ${words.underscore} `)
    .replace(/-/g, ` ${words.dash} `)
    .replace(/\+/g, ` ${words.plus} `);
  return `${user} ${words.at} ${sayHost(host, language)}`.replace(/ {2,}/g, " ");
}

/** Web and e-mail addresses in words; a sentence's closing punctuation stays outside the address. */
export function addresses(text: string, language: string): string {
  return text
    .replace(EMAIL, (address) => sayEmail(address, language))
    .replace(URL, (url) => {
      const trailing = /[.,;:!?)\]]+$/.exec(url)?.[0] ?? "";
      return sayUrl(url.slice(0, url.length - trailing.length), language) + trailing;
    });
}

/** "+1 (202) 555-0143", "+49 30 1234567", "555-123-4567", "(202) 555-0143". */
const PHONE =
  /(?<![\p{L}\d+-])(?:\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,5}|\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\d{3}[-.]\d{3}[-.]\d{4})(?![\d-])/gu;

/** French and Russian say a phone number's short groups as numbers ("45" → "quarante-cinq"), others digit by digit. */
function sayGroup(group: string, language: string): string {
  const speller = spellerFor(language);
  const pairs = /^(?:fr|ru)\b/i.test(language) && group.length <= 3 && !group.startsWith("0");
  return pairs ? speller.cardinal(group) : speller.digits(group);
}

/** Phone numbers digit by digit, a short pause (a comma) between the groups as written. */
export function phoneNumbers(text: string, language: string): string {
  const plus = vocabularyFor(language).plus;
  return text.replace(PHONE, (number) => {
    const digitCount = number.replace(/\D/g, "").length;
    if (digitCount < 7 || digitCount > 15) return number;
    const groups = number.match(/\d+/g) ?? [];
    const said = groups.map((group) => sayGroup(group, language)).join(", ");
    return number.startsWith("+") ? `${plus} ${said}` : said;
  });
}

/** "v2.1.3" and "version 2.1" → "version two point one point three"; a bare "3.4.24" may be a date. */
export function versions(text: string, language: string): string {
  const speller = spellerFor(language);
  const words = vocabularyFor(language);
  const say = (dotted: string) =>
    dotted
      .split(".")
      .map((part) => speller.cardinal(part))
      .join(` ${words.point} `);
  const named = new RegExp(
    String.raw`(?<![\p{L}\d])(?:[vV]|(version|${words.version})\s)(\d+(?:\.\d+)+)(?![\d\p{L}]|[.,]\d)`,
    "giu",
  );
  return text.replace(
    named,
    (_all, word: string | undefined, dotted: string, offset: number, whole: string) => {
      // "la version v2.1.3": the word is already there.
      const said = new RegExp(String.raw`(?:version|${words.version})\s$`, "iu").test(whole.slice(0, offset));
      return word || said ? `${word ?? ""} ${say(dotted)}`.trim() : `${words.version} ${say(dotted)}`;
    },
  );
}

/**
 * What every language reads first, in this order: web and mail addresses, phone numbers and
 * versions, before any later step takes their dots, dashes and digits for something else.
 */
export function codes(text: string, language: string): string {
  return versions(phoneNumbers(addresses(text, language), language), language);
}
