/**
 * Kinds of page chrome that survive extraction as whole lines, recognised in any language by
 * their shape and their kind's vocabulary: a date or byline standing alone, a metadata label
 * ("Source:", "Aktualisiert:"), a photo or agency credit, a "read more" teaser, a subscription
 * or app prompt, a comments or sharing prompt, a disclaimer. Each answers with the kind, never
 * a site: the words are what every site of that language prints for that kind of block.
 */

const LOCALES = [
  "en",
  "de",
  "fr",
  "es",
  "it",
  "pt",
  "nl",
  "pl",
  "cs",
  "sv",
  "da",
  "fi",
  "ru",
  "tr",
  "hu",
  "ro",
];

/**
 * Month and weekday names, long and short, nominative and genitive, from Intl: no hand lists.
 * Made when first needed: loading sixteen locales' calendars costs tens of milliseconds, and
 * most texts have no line that could be a date.
 */
let calendarWords: Set<string> | undefined;

function calendarWordSet(): Set<string> {
  calendarWords ??= makeCalendarWords();
  return calendarWords;
}

function makeCalendarWords(): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) if (word.length > 1) words.add(word);
  };
  // One formatter per locale and style, used for every date: making a formatter is the slow part
  // (this ran at every start-up and took a quarter of a second with one per date).
  for (const locale of LOCALES) {
    for (const month of ["long", "short"] as const) {
      const alone = new Intl.DateTimeFormat(locale, { month, timeZone: "UTC" });
      const dated = new Intl.DateTimeFormat(locale, { day: "numeric", month, timeZone: "UTC" });
      for (let m = 0; m < 12; m++) {
        const date = new Date(Date.UTC(2021, m, 15));
        add(alone.format(date));
        add(dated.format(date));
      }
    }
    for (const weekday of ["long", "short"] as const) {
      const format = new Intl.DateTimeFormat(locale, { weekday, timeZone: "UTC" });
      for (let day = 0; day < 7; day++) add(format.format(new Date(Date.UTC(2021, 0, 3 + day))));
    }
  }
  return words;
}

/** Words of a metadata line: published/updated/by/source/contact/views..., in several languages. */
const LABEL_WORDS =
  "published|posted|updated|modified|last|release|date|by|from|source|sources|contact|views|comments|author|photo|credit|credits|tags|" +
  "veröffentlicht|aktualisiert|geändert|stand|datum|von|quelle|quellen|quellenangaben|kontakt|aufrufe|kommentare|autor|autorin|foto|bild|" +
  "publié|publie|mis|à|jour|le|par|source|contact|auteur|commentaires|" +
  "publicado|actualizado|por|fuente|fuentes|contacto|autor|comentarios|" +
  "pubblicato|aggiornato|fonte|contatto|" +
  "publikacja|aktualizacja|źródło|zrodlo|autor|kontakt|" +
  "opublikowano|gepubliceerd|bijgewerkt|bron|door|" +
  "weitere|informationen|more|information|informations|plus|d|más|información|" +
  "am|um|uhr|on|at|the|of|de|del|el|la|h|den|der|im|in|г|года";
const LABEL_SET = new Set(LABEL_WORDS.split("|"));

/** A line that is a date, a time, or a metadata label with at most a date after it. */
export function isDateOrLabel(line: string): boolean {
  if (line.length > 60) return false;
  const words = line
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  const hasDigit = /\d/.test(line);
  const isLabel = /:\s*$/.test(line) || (words.length > 0 && words.every((w) => LABEL_SET.has(w)));
  // Asked last, as only a line that is otherwise a date or a label needs the calendar's words.
  if (!hasDigit && !(isLabel && words.length <= 3)) return false;
  const calendar = calendarWordSet();
  return words.every((w) => calendar.has(w) || LABEL_SET.has(w));
}

const AGENCIES =
  /\b(getty ?images|getty|afp|dpa|reuters|ap photo|associated press|picture[- ]alliance|imago|shutterstock|istock(photo)?|thinkstock|unsplash|pixabay|keystone|epa|ansa|efe|bestimage|adobe ?stock|fotolia|depositphotos|wikimedia|creative commons|public domain|domena publiczna|dominio público|domaine public|gemeinfrei)\b/i;
const CREDIT_WORDS =
  /^\(?\s*(photos?|pictures?|images?|fotos?|bild(er|quelle)?|crédits? photos?|crédit|credits?|illustration|grafik|quelle|source|fuente|fonte|źródło|zdjęcie|fot\.|foto ?credit)\b/i;

/** A photo or agency credit: short, and naming its source as credits do. */
export function isCredit(line: string): boolean {
  const words = line.split(/\s+/).length;
  if (words > 14) return false;
  if (CREDIT_WORDS.test(line) && /[:/|©]|\bby\b|\bvon\b|\bpar\b/i.test(line)) return true;
  if (AGENCIES.test(line) && (words <= 6 || /[/|©]/.test(line))) return true;
  return /^[^.!?]{0,80}\.?\s*\((photo|foto|bild|quelle|source|crédit|credit|fotos?)\s*:[^)]*\)$/i.test(line);
}

const READ_MORE =
  /^(read (also|more|next)|also read|see also|related|more (on|about|from)|you (may|might) also like|recommended|most (read|popular)|trending|lire (aussi|la suite|également)|à lire (aussi|également)|voir aussi|sur le même sujet|lesen sie (auch|mehr|weiter)|auch interessant|schon gelesen|das könnte (sie|dich|dir) (auch )?interessieren|mehr zum thema|mehr (themen|artikel|dazu)|weitere (artikel|beiträge|themen|nachrichten|news)|neueste (artikel|beiträge)|ähnliche (artikel|beiträge)|meistgelesen|meist-?(gelesen|diskutiert)|lea (también|más)|lee (también|más)|leer más|mire|mira|puedes ver|ver (también|más)|te puede interesar|también te (puede|podría) interesar|veja (também|mais)|leia (também|mais)|saiba mais|czytaj (też|także|więcej)|przeczytaj (też|także|również)|zobacz (też|także|również)|leggi anche|vedi anche|lees ook|läs också|читайте также|смотрите также)\b/i;

/** A "read also" line or a related-box title, in the languages pages are written in. */
export function isReadMore(line: string): boolean {
  return line.length <= 200 && READ_MORE.test(line.trim().replace(/^[»›>•\-–—\s]+/u, ""));
}

const PROMPTS = [
  // Subscriptions, newsletters, apps, paywalls.
  /\b(subscribe|subscriber|subscription|newsletter|sign up|signup|log in|already a (member|subscriber)|full story|download (our|the)\b.{0,40}\bapps?|ios and android|app store|google play|abonnier|abonnement|abonnez|abonné|anmelden|registrieren|suscr[ií]b|suscripci|assine|assinatura|subskrypc|prenumer|zapisz si|iscriviti|inscrivez)/i,
  // Comments, ratings and sharing.
  /\b(leave a (comment|reply)|no comments|comments (are )?closed|kommentare (geschlossen|deaktiviert)|keine kommentare|noch keine bewertungen|artikel (teilen|bewerten)|war (der|dieser) artikel|share (this|the) (article|post|story)|teilen sie|partagez|compartir (en|este)|was this (article|helpful)|rate this|we want to hear what you think|puede escribirnos|schreiben sie uns|write to us|letter to the editor)/i,
  // Print-edition notes.
  /(?<!\p{L})(print edition|printed edition|in print|printausgabe|gedruckten ausgabe|print-ausgabe|zeitungsausgabe|édition (imprimée|papier)|version imprimée|edición impresa|versión impresa|edizione cartacea|wydaniu (papierowym|drukowanym)|gedrukte editie)(?!\p{L})/iu,
  // Disclaimers, affiliate notes and review notes.
  /\b(not responsible for|ohne gewähr|alle angaben|copyrighted property|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos|written permission|verlinkungen handelt es sich|partnerlinks?|werbelinks?|enjoyed reading this|if you (liked|enjoyed)|support (us|our journalism)|externer inhalt|external content|not logged in|nicht eingeloggt)/i,
];

/** Words that address the reader: a subscription line in an article's own text does not. */
const CALL =
  /(\b(you|your|now|today|here|click|please|get|join|free|jetzt|hier|sie|du|dich|dir|ihr|ahora|aquí|aqui|maintenant|ici|vous|teraz|tutaj|agora|zapraszamy)\b|!\s*$)/i;

/** A call to subscribe, share, comment or accept, or a disclaimer: short, and of that kind. */
export function isPrompt(line: string): boolean {
  const words = line.split(/\s+/).length;
  if (words > 30) return false;
  const [subscribe, ...others] = PROMPTS;
  if (subscribe?.test(line) && CALL.test(line)) return true;
  return others.some((pattern) => pattern.test(line));
}

const TRAILING_CREDIT =
  /\s*(\((photos?|fotos?|bild|quelle|source|credit|crédit|fuente|fonte|źródło|zdjęcie)\s*:[^()]{1,80}\)|(photos?|fotos?|bild|credit|crédit)\s*:\s*[^.!?:]{1,60}|[\p{Lu}][^.!?:]{0,40}\s*\/\s*(getty ?images|afp|dpa|reuters|imago|shutterstock|istock|unsplash|picture alliance|keystone|epa))\s*$/iu;

/** A caption's closing credit ("… im Hafen. (Foto: dpa)"), cut off; the caption itself is kept. */
export function withoutTrailingCredit(text: string): { text: string; credit?: string } {
  const match = TRAILING_CREDIT.exec(text);
  if (!match || match.index === 0 || !/[.!?…)"»”]\s*$/.test(text.slice(0, match.index))) return { text };
  return { text: text.slice(0, match.index).trim(), credit: match[0].trim() };
}

/** Why a line is chrome of one of these kinds, or undefined. */
export function lineKind(line: string): string | undefined {
  if (isDateOrLabel(line)) return "date, byline or metadata label standing alone";
  if (isCredit(line)) return "photo or agency credit";
  if (isReadMore(line)) return "read-more link or related-box title";
  if (isPrompt(line)) return "subscription, sharing or comment prompt, print-edition note or disclaimer";
  return undefined;
}
