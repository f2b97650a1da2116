/**
 * Who is interviewed and by whom, when the introduction says so: "…told Izvestia",
 * "in an interview with Jane Doe to The Times", "I spoke with Jane Doe", "sagte er dem SPIEGEL",
 * "entretien avec …", "entrevista con …". Without such a sentence the roles stand alone.
 */
const NAME =
  "(\\p{Lu}[\\p{L}'’-]+(?:\\s+(?:\\p{Lu}[\\p{L}'’-]+|de|van|von|da|bin|al|der|del|la|le|du|y)){1,3})";
const OUTLET = "((?:The\\s+)?\\p{Lu}[\\p{L}&'’-]+(?:\\s+\\p{Lu}[\\p{L}&'’-]+){0,3})";

const GUEST_PATTERNS = [
  new RegExp(`interview(?:ed)?\\s+with\\s+(?:[\\p{Ll}\\s-]+\\s+)?${NAME}`, "u"),
  new RegExp(`(?:spoke|talked|sat down|speaks|talks)\\s+(?:with|to)\\s+${NAME}`, "u"),
  new RegExp(`\\bI\\s+(?:contacted|asked|met)\\s+${NAME}`, "u"),
  new RegExp(`${NAME}\\s+(?:told|said to)\\s+${OUTLET}`, "u"),
  // de, fr, es: "Interview mit …", "sprach mit …", "entretien avec …", "entrevista con …"
  // "mit dem/der …" names the outlet, not the guest.
  new RegExp(
    `(?:Interview|Gespräch|sprach|sprachen|spricht)\\s+mit\\s+(?!(?:dem|der|den)\\s)(?:[\\p{Ll}\\s-]+\\s+)?${NAME}`,
    "u",
  ),
  new RegExp(
    `(?:[Ee]ntretien|[Ee]ntrevue|[Ii]nterview|[Cc]onversation)\\s+avec\\s+(?:[\\p{Ll}\\s'-]+\\s+)?${NAME}`,
    "u",
  ),
  new RegExp(`(?:[Ee]ntrevista|[Cc]onversación|[Cc]harla)\\s+con\\s+(?:[\\p{Ll}\\s-]+\\s+)?${NAME}`, "u"),
];
const HOST_PATTERNS = [
  // "Interview: Jane Doe", "Propos recueillis par …", "Das Gespräch führte …", "hosted by …"
  new RegExp(`(?:^|[.!?]\\s+)(?:Interview|Entretien|Entrevista)\\s*:\\s*${OUTLET}`, "u"),
  new RegExp(
    `\\b(?:[Pp]ropos recueillis par|[Aa]nimée? par|[Pp]résentée? par|[Hh]osted by|[Mm]oderated by|[Mm]oderiert von|[Dd]as Gespräch führte|[Pp]resentad[oa] por|[Cc]onducid[oa] por)\\s+${OUTLET}`,
    "u",
  ),
  new RegExp(`\\b(?:told|said to)\\s+${OUTLET}`, "u"),
  new RegExp(`interview\\s+with\\s+[^.]*?\\s+to\\s+${OUTLET}\\s*[.,]`, "u"),
  new RegExp(
    `\\b(?:sagte|sagt|erklärte|erzählte|erzählt)\\s+(?:(?:er|sie)\\s+)?(?:im\\s+Interview\\s+)?dem\\s+${OUTLET}`,
    "u",
  ),
  new RegExp(`(?:Interview|Gespräch)\\s+mit\\s+(?:dem|der)\\s+${OUTLET}`, "u"),
  new RegExp(`\\b(?:déclaré|confié|expliqué|raconté|répondu aux questions)\\s+(?:au|à|de)\\s+${OUTLET}`, "u"),
  new RegExp(`\\b(?:dijo|declaró|explicó|contó|aseguró|afirmó)\\s+(?:a|al diario)\\s+${OUTLET}`, "u"),
];

export interface InterviewNames {
  host?: string;
  guest?: string;
}

/** A headline in the form newspapers give interviews: "Jane Doe: «What she said»". */
const QUOTED_HEADLINE = new RegExp(`^${NAME}\\s*:\\s*["«“„‚‹]`, "u");

export function interviewNames(intro: string, byline: string | undefined, title = ""): InterviewNames {
  const names: InterviewNames = {};
  for (const pattern of [...GUEST_PATTERNS, QUOTED_HEADLINE]) {
    const match = pattern.exec(pattern === QUOTED_HEADLINE ? title : intro);
    if (match?.[1]) {
      names.guest = trimName(match[1]);
      break;
    }
  }
  for (const pattern of HOST_PATTERNS) {
    const match = pattern.exec(intro);
    const outlet = match?.[1] ? trimName(match[1]) : undefined;
    if (outlet && outlet !== names.guest && !/^(me|us|him|her|them|reporters?)$/i.test(outlet)) {
      names.host = outlet;
      break;
    }
  }
  if (!names.host && byline)
    names.host =
      byline
        .split(/[,|(]/)[0]
        ?.replace(/^by\s+/i, "")
        .trim() || undefined;
  // The guest's own name inside a longer phrase ("Secretary General Imangali Tasmagambetov"): keep the last two words.
  if (
    names.guest &&
    names.guest.split(/\s+/).length > 2 &&
    /^(Secretary|General|President|Minister|Chairman|Director|Chief|Head|Founder|CEO)\b/.test(names.guest)
  ) {
    names.guest = names.guest.split(/\s+/).slice(-2).join(" ");
  }
  return names;
}

function trimName(name: string): string {
  return name
    .replace(/[.,;:]+$/, "")
    .replace(/[’']s$/, "")
    .replace(/\s+(?:de|van|von|da|bin|al|der|del|la|le|du|y)$/, "")
    .trim();
}
