import { dominantWritingSystem, writingSystemOf } from "../text/writing-systems.js";
import type { Block, Dropped } from "../types.js";
import { lineKind, withoutTrailingCredit } from "./chrome-lines.js";

/**
 * Boilerplate removal: page chrome that extraction leaves behind. Each rule names why it
 * drops a block, and the Document keeps the record. Rules look at the shape of a line (a bare
 * counter, a credit, a UI label), never at one site's wording, so they carry to other pages.
 */

/** UI labels, lower-cased, in the languages seen so far; a block equal to one is chrome. */
const UI_LABELS = new Set([
  // en
  "advertisement",
  "advertising",
  "sponsored",
  "sponsored content",
  "skip to main content",
  "skip to content",
  "skip navigation",
  "jump to navigation",
  "live broadcast",
  "live",
  "watch live",
  "listen",
  "listen to this article",
  "share",
  "share this",
  "share this story",
  "share this article",
  "tweet",
  "like",
  "follow",
  "follow us",
  "subscribe",
  "subscribe now",
  "sign up",
  "sign in",
  "log in",
  "register",
  "print",
  "email",
  "e-mail",
  "comment",
  "comments",
  "reply",
  "read more",
  "read on",
  "show more",
  "load more",
  "close",
  "menu",
  "search",
  "on",
  "off",
  "select important",
  "save",
  "saved",
  "bookmark",
  "copy link",
  "next",
  "previous",
  "back to top",
  "top",
  "facebook",
  "twitter",
  "reddit",
  "linkedin",
  "whatsapp",
  "telegram",
  "pinterest",
  "google+",
  "tags",
  "related",
  "related stories",
  "related articles",
  "more from",
  "you may also like",
  "recommended",
  "get our newsletter",
  "newsletter",
  "donate",
  "donate now",
  // fr, de, es, ru
  "publicité",
  "partager",
  "s'abonner",
  "suivre",
  "lire la suite",
  "fermer",
  "rechercher",
  "connexion",
  "werbung",
  "teilen",
  "anzeige",
  "publicidad",
  "compartir",
  "реклама",
  "поделиться",
  "подписаться",
  "озвучить текст",
  "выделить главное",
  "вкл",
  "выкл",
]);

const RULES: Array<[RegExp, string]> = [
  [/^[\d\s.,:/+-]*\d[\d\s.,:/+-]*[kKmM]?$/, "bare counter or number"],
  [
    /^\(?\s*(photo|photos|image|picture|illustration|artist|art|source|credit|credits|video|фото|источник|crédit|bild|foto)\s*:\s*[^.!?]{1,80}\)?$/i,
    "photo or image credit",
  ],
  [
    /^\(?\s*(photo|image|illustration|picture) (by|courtesy of|credit)\b[^.!?]{0,80}\)?$/i,
    "photo or image credit",
  ],
  [
    /^(read also|see also|also read|related|more|lire aussi|lire|voir aussi|à lire aussi|читайте также|смотрите также|lesen sie auch|lea también)\s*:/i,
    "read-also link",
  ],
  [
    // A credit's shape, not the bare word: "Translated by …", "Translation: …", "Переведено сервисом …".
    /^\W*(translated (by|from|with|using)|translation (by|from)|translation\s*:|machine[- ]translated|переведено|перевод\s*:|перевод (с|выполнен)|traduit (par|de|avec)|traduction\s*:|traduction (par|de)|übersetzt (von|aus|mit)|übersetzung\s*:|traducido (por|de|con)|traducción\s*:)(?!\p{L}).{0,100}$/iu,
    "translation credit",
  ],
  [/(译者|校对|翻译|本文由|原创编译)/u, "translation credit"],
  [
    /(there may be (small |some )?errors in this transcript|this transcript (has been|was) (lightly )?edited|transcript(ion)? (was|has been) (auto|machine)[- ]generated)/i,
    "transcript disclaimer",
  ],
  [/^(via|source|sources|quelle|источник)\s*:\s*(https?:\/\/|www\.)\S+$/i, "source link"],
  [/^(https?:\/\/|www\.)\S+$/i, "bare URL"],
  [/^click here\b.{0,120}$/i, "link prompt"],
  [/^(view|show|load|read|see) (all )?(\d+ )?comments?( \(\d+\))?$/i, "comment section"],
  [/^(©|\(c\)|copyright)\s/i, "copyright line"],
  [/^(filed to|tags?|topics?|categories)\s*:/i, "tags"],
  [/^[^\p{L}\p{N}]+$/u, "symbols only"],
];

/** Removes chrome from the blocks in place order, recording each dropped block with its reason. */
export function removeBoilerplate(blocks: Block[], dropped: Dropped[]): Block[] {
  const texts = blocks.flatMap((block) => ("text" in block ? [block.text] : []));
  const script = dominantWritingSystem(texts.join(" "));
  const kept: Block[] = [];
  let afterImage = false;
  const comments = commentSectionStart(blocks);
  for (const [index, block] of blocks.entries()) {
    if (index >= comments) {
      if ("text" in block) dropped.push({ text: block.text, reason: "comment section" });
      continue;
    }
    if (block.kind === "image") {
      afterImage = true;
      continue;
    }
    const caption = afterImage && block.kind === "paragraph" && isCaption(block.text);
    afterImage = false;
    if (!("text" in block)) {
      kept.push(block);
      continue;
    }
    const reason = caption ? "photo caption (the line after an image)" : reasonToDrop(block.text, script);
    if (reason) {
      dropped.push({ text: block.text, reason });
      continue;
    }
    const credited = withoutTrailingCredit(block.text);
    if (credited.credit) dropped.push({ text: credited.credit, reason: "photo or agency credit" });
    const text = stripAnnotations(credited.text, dropped);
    if (text) kept.push({ ...block, text });
  }
  return kept;
}

const COMMENTS =
  /^(\d+\s+)?(comments?|responses?|replies|reader comments|leave a (reply|comment)|add a comment|post a comment|write a comment|join the (discussion|conversation)|discussion)(\s*\(\d+\))?$/i;

/**
 * Where the readers' comments begin: a "12 Comments" / "Leave a Reply" line in the second half
 * of the page. Everything from there on is the comment section, not the article.
 */
function commentSectionStart(blocks: Block[]): number {
  const start = blocks.findIndex(
    (block, i) => i >= blocks.length / 2 && "text" in block && COMMENTS.test(block.text.trim()),
  );
  return start < 0 ? blocks.length : start;
}

/** A caption is one short sentence or phrase; a real paragraph after a picture runs longer. */
function isCaption(text: string): boolean {
  const words = text.split(/\s+/).length;
  const sentences = text.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length;
  return words <= 16 && sentences <= 1;
}

/** Why a block is chrome, or undefined when it is body text. */
export function reasonToDrop(text: string, articleScript: string): string | undefined {
  const line = text.trim();
  if (UI_LABELS.has(line.toLowerCase().replace(/[\s:.!…▾›»]+$/u, ""))) return "UI label";
  // Chrome is short; a long paragraph that mentions a translation or a source is body text.
  if (line.length <= 200) for (const [pattern, reason] of RULES) if (pattern.test(line)) return reason;
  const kind = lineKind(line);
  if (kind) return kind;
  const script = writingSystemOf(line);
  if (script && script !== articleScript) return `UI line in another script (${script}) than the article`;
  return undefined;
}

/**
 * Bracketed source annotations ("[M1 / MP]", "[3]") at the end of a paragraph, and footnote
 * markers anywhere, are references for the eye, not words to read.
 */
export function stripAnnotations(text: string, dropped: Dropped[]): string {
  let out = text;
  const code = "[A-Z0-9][A-Za-z0-9]*(?:\\s+[A-Z]{1,4})?";
  const annotation = new RegExp(`(\\s*\\[${code}(?:\\s*[/,;&]\\s*${code})*\\])+\\s*$`, "u");
  out = out.replace(annotation, (m) => {
    dropped.push({ text: m.trim(), reason: "bracketed source annotation" });
    return "";
  });
  out = out.replace(/\[(\d{1,3})\]/g, (m) => {
    dropped.push({ text: m, reason: "footnote marker" });
    return "";
  });
  return out.trim();
}
