import type { Dropped } from "../../types.js";

/**
 * Page chrome found by what the page declares about an element before any text is scored:
 * its tag (nav, aside, footer, form), its ARIA role, and the kind of block its class or id names in
 * the vocabulary every CMS shares (related, share, newsletter, comments, cookie, author box...).
 * These are kinds of block, not one site's names; and an element holding a large part of the
 * page's prose is never removed this way, however it is named ("has-sidebar" on a wrapper).
 */

// linkedom's elements, structurally: just what this module touches.
export interface El {
  tagName: string;
  textContent: string | null;
  parentElement: El | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<El>;
  remove(): void;
}

const CHROME_TAGS = "nav, aside, footer, dialog, menu, form";
const CHROME_ROLES = new Set([
  "navigation",
  "complementary",
  "contentinfo",
  "search",
  "dialog",
  "alertdialog",
  "menu",
  "menubar",
  "banner",
]);

/** Class or id words (whole, or as the start of a word) that name a kind of chrome. */
const KIND_PREFIXES = [
  "related",
  "recommend",
  "share",
  "sharing",
  "social",
  "newsletter",
  "subscri",
  "signup",
  "comment",
  "disqus",
  "cookie",
  "consent",
  "gdpr",
  "breadcrumb",
  "sidebar",
  "advert",
  "sponsor",
  "promo",
  "pagination",
  "pager",
  "navbar",
  "navigation",
  "masthead",
  "footer",
  "copyright",
  "rating",
  "paywall",
  "outbrain",
  "taboola",
  "byline",
  "dateline",
  "authorbox",
  "autor",
  "auteur",
  "tagcloud",
  "taglist",
];
const KIND_WORDS = new Set([
  "ad",
  "ads",
  "nav",
  "menu",
  "tags",
  "meta",
  "bio",
  "author",
  "credit",
  "credits",
  "print",
  "skip",
  "toolbar",
  "modal",
  "popup",
  "overlay",
  "more",
]);
/** Words that, next to a chrome word, say the element is the article after all ("post-content-share" is not). */
const CONTENT_WORDS = new Set(["article", "body", "content", "entry", "text", "story", "main", "post"]);

/** The chrome kind an element's class and id name, or undefined. */
export function chromeKind(el: El): string | undefined {
  const role = el.getAttribute("role")?.toLowerCase().trim();
  if (role && CHROME_ROLES.has(role)) return `role ${role}`;
  const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  if (!names.trim()) return undefined;
  const words = names
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  let kind: string | undefined;
  for (const word of words) {
    if (KIND_WORDS.has(word) || KIND_PREFIXES.some((prefix) => word.startsWith(prefix))) {
      kind = word;
      break;
    }
  }
  if (!kind) return undefined;
  // "article-body-more" or "entry-content-meta" still names chrome; "article-content" with
  // nothing else does not reach here. A lone content word beside "more"/"meta" is ambiguous, so
  // weak kinds need the whole name to be about chrome.
  const weak = kind === "more" || kind === "meta";
  if (weak && words.some((w) => CONTENT_WORDS.has(w))) return undefined;
  return `${kind} box`;
}

/**
 * Removes chrome elements from the document, recording their text: by tag, and unless `byName`
 * is false, by role, class and id. An element holding 40 % of the page's prose or more is the
 * article's own wrapper and stays.
 */
export function removeChrome(root: El, dropped: Dropped[], byName = true): void {
  const prose = proseLength(root);
  const plain = plainLength(root);
  const guard = (el: El) => {
    if (el.tagName === "BODY" || el.tagName === "HTML" || el.tagName === "MAIN") return false;
    if (el.tagName === "ARTICLE" || el.getAttribute("itemprop") === "articleBody") return false;
    return proseLength(el) < Math.max(prose * 0.4, 1) && plainLength(el) < plain * 0.4;
  };
  const remove = (el: El, reason: string) => {
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (text) dropped.push({ text: text.slice(0, 400), reason });
    el.remove();
  };
  for (const el of [...root.querySelectorAll(CHROME_TAGS)]) {
    if (guard(el)) remove(el, `page chrome (${el.tagName.toLowerCase()})`);
  }
  if (!byName) return;
  for (const el of [...root.querySelectorAll("[class], [id], [role]")]) {
    if (!isAttached(el)) continue;
    const kind = chromeKind(el);
    if (kind && guard(el)) remove(el, `page chrome (${kind})`);
  }
}

function isAttached(el: El): boolean {
  let node: El | null = el;
  while (node.parentElement) node = node.parentElement;
  return node.tagName === "HTML";
}

/** Text outside links: pages that set their prose in <div>s and <br>s have no <p> to count. */
function plainLength(el: El): number {
  let linked = 0;
  for (const a of el.querySelectorAll("a")) linked += (a.textContent ?? "").trim().length;
  return (el.textContent ?? "").replace(/\s+/g, " ").length - linked;
}

/** Text in <p> elements: the measure of how much of the page's prose an element holds. */
function proseLength(el: El): number {
  let total = 0;
  for (const p of el.querySelectorAll("p")) total += (p.textContent ?? "").trim().length;
  return total;
}
