/**
 * Who is interviewed and by whom, when the introduction says so: "…told Izvestia",
 * "in an interview with Jane Doe to The Times", "I spoke with Jane Doe". Without such a
 * sentence the roles stand alone.
 */
const NAME = "(\\p{Lu}[\\p{L}'’-]+(?:\\s+(?:\\p{Lu}[\\p{L}'’-]+|de|van|von|da|bin|al)){1,3})";
const OUTLET = "((?:The\\s+)?\\p{Lu}[\\p{L}&'’-]+(?:\\s+\\p{Lu}[\\p{L}&'’-]+){0,3})";

const GUEST_PATTERNS = [
  new RegExp(`interview(?:ed)?\\s+with\\s+(?:[\\p{Ll}\\s-]+\\s+)?${NAME}`, "u"),
  new RegExp(`(?:spoke|talked|sat down|speaks|talks)\\s+(?:with|to)\\s+${NAME}`, "u"),
  new RegExp(`\\bI\\s+(?:contacted|asked|met)\\s+${NAME}`, "u"),
  new RegExp(`${NAME}\\s+(?:told|said to)\\s+${OUTLET}`, "u"),
];
const HOST_PATTERNS = [
  new RegExp(`\\b(?:told|said to)\\s+${OUTLET}`, "u"),
  new RegExp(`interview\\s+with\\s+[^.]*?\\s+to\\s+${OUTLET}\\s*[.,]`, "u"),
];

export interface InterviewNames {
  host?: string;
  guest?: string;
}

export function interviewNames(intro: string, byline: string | undefined): InterviewNames {
  const names: InterviewNames = {};
  for (const pattern of GUEST_PATTERNS) {
    const match = pattern.exec(intro);
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
    .trim();
}
