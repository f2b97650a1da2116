import type { Role } from "../types.js";

/** What is known of one person's labelled turns, for deciding who interviews whom. */
export interface PersonTurns {
  key: string;
  turns: number;
  /** Turns with a question mark in them. */
  asking: number;
  words: number;
  /** The role the label itself names ("Q:", "Interviewer:", "Antwort:"). */
  named?: "host" | "guest";
}

/** Keys of the people the introduction names as interviewer and interviewee, when it does. */
export interface IntroHints {
  host?: string;
  guest?: string;
}

/**
 * Host and guest among the labelled people. The interviewer is the one a label calls so, else
 * the one who clearly asks (most of their turns are questions, and clearly more than anyone
 * else's), else the one the introduction names ("…told Izvestia"). The guest is the one a label
 * or the introduction names, else, once there is an interviewer, whoever says the most. Everyone
 * else, and everyone in a conversation where nobody interviews, is a plain speaker.
 */
export function chooseRoles(people: PersonTurns[], hints: IntroHints): Map<string, Role> {
  const roles = new Map<string, Role>(people.map((p) => [p.key, "speaker"]));
  const host = people.find((p) => p.named === "host") ?? clearAsker(people) ?? find(people, hints.host);
  if (!host) {
    const guest = people.find((p) => p.named === "guest");
    if (guest) roles.set(guest.key, "guest");
    return roles;
  }
  roles.set(host.key, "host");
  const others = people.filter((p) => p.key !== host.key);
  const guest =
    others.find((p) => p.named === "guest") ??
    find(others, hints.guest) ??
    [...others].filter((p) => p.turns >= 2 || others.length === 1).sort((a, b) => b.words - a.words)[0];
  if (guest) roles.set(guest.key, "guest");
  return roles;
}

function find(people: PersonTurns[], key: string | undefined): PersonTurns | undefined {
  return key === undefined ? undefined : people.find((p) => p.key === key);
}

/** The one person whose turns are mostly questions, by a clear margin over everyone else. */
function clearAsker(people: PersonTurns[]): PersonTurns | undefined {
  const share = (p: PersonTurns) => p.asking / p.turns;
  const ranked = people.filter((p) => p.turns >= 2).sort((a, b) => share(b) - share(a));
  const [first, second] = ranked;
  if (!first || share(first) < 0.5) return undefined;
  return !second || share(second) <= share(first) - 0.3 ? first : undefined;
}
