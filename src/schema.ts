/**
 * The one way presscast checks a file a person writes (voice profile, presscast.yaml, script) or
 * that an earlier presscast wrote (an episode manifest): a zod schema, and its first problem told
 * in one sentence naming the file, the field and what was wrong. A message says what kind of value
 * was found ("text", "a list"), never the value: the file may not be what it seems.
 */
import { z } from "zod";
import { InputError } from "./errors.js";

type Issue = z.core.$ZodIssue;

/** `data` as `schema` describes it, or an InputError `<where>: "<field>" <problem>.` */
export function checkData<S extends z.ZodType>(schema: S, data: unknown, where: string): z.output<S> {
  const result = parseData(schema, data);
  if ("problem" in result) throw new InputError(`${where}: ${result.problem}`);
  return result.data;
}

/** `data` as `schema` describes it, or its first problem as `"<field>" <problem>.` */
export function parseData<S extends z.ZodType>(
  schema: S,
  data: unknown,
): { data: z.output<S> } | { problem: string } {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { data: result.data };
  // A misspelt key also makes the key it was meant to be "missing": the misspelling is the cause.
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === "unrecognized_keys") ?? issues[0];
  return { problem: issue ? describeIssue(issue, schema) : "is not valid." };
}

function describeIssue(issue: Issue, schema: z.ZodType): string {
  const at = fieldPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const key = String(issue.keys[0]);
    const allowed = keysAt(schema, issue.path);
    const known = allowed
      ? `; the keys allowed ${at ? `in ${at}` : "at the top"} are ${allowed.join(", ")}`
      : "";
    return `unknown key "${at ? `${at}.${key}` : key}"${known}.`;
  }
  const text = issue.message.startsWith("Invalid") ? plainMessage(issue) : issue.message;
  const message = text.endsWith(".") ? text : `${text}.`;
  return at ? `"${at}" ${message}` : message;
}

/** What a field should hold, by the type zod expected. */
const KINDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};

/** zod's own wording ("Invalid input: expected …") said plainly, for a schema that gave none. */
function plainMessage(issue: Issue): string {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return "is missing";
    return `must be ${KINDS[issue.expected] ?? issue.expected}, not ${kindOf(issue.input)}`;
  }
  if (issue.code === "invalid_value") return `must be one of ${issue.values.map(String).join(", ")}`;
  // A record's key: what its own schema said of it.
  if (issue.code === "invalid_key") return issue.issues[0]?.message ?? "is not a valid key";
  return "is not valid";
}

/** A path as a person writes it: `speakers[0].id`, `roles.host.rate`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

/** What kind of value was found, for "must be …, not <kind>". */
export function kindOf(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return value.trim() ? "text" : "empty text";
  if (typeof value === "number") return Number.isFinite(value) ? "a number" : "an endless number";
  if (typeof value === "boolean") return "true or false";
  return typeof value === "object" ? "a mapping" : typeof value;
}

/** A zod error option: "is missing" for an absent field, else "must be <what>, not <kind>". */
export const expected =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? "is missing" : `must be ${what}, not ${kindOf(issue.input)}`;

/** A number from `min` to `max`: no value a person can write makes a build unbounded. */
export function numberIn(min: number, max: number, hint: string, whole = false) {
  const what = `${whole ? "a whole number" : "a number"} from ${min} to ${max}${hint ? ` (${hint})` : ""}`;
  const number = z.number({ error: expected(what) });
  return (whole ? number.int({ error: `must be ${what}` }) : number)
    .min(min, { error: `must be ${what}` })
    .max(max, { error: `must be ${what}` });
}

/** A mapping (not a list, not null) whose values are anything: for options passed on as they are. */
export const mapping = (what: string) => z.record(z.string(), z.unknown(), { error: expected(what) });

/** The one object guard: true for a mapping of keys to values (not a list, not null). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The keys an object schema allows at `path`, for "unknown key" messages. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  // biome-ignore lint/suspicious/noExplicitAny: walking zod's own definition objects
  let node: any = schema;
  const unwrap = () => {
    for (;;) {
      const def = node?._zod?.def;
      if (def?.type === "pipe") node = def.out?._zod?.def?.type === "transform" ? def.in : def.out;
      else if (["optional", "nullable", "default", "prefault", "catch"].includes(def?.type))
        node = def.innerType;
      else return;
    }
  };
  for (const part of path) {
    unwrap();
    const def = node?._zod?.def;
    if (def?.type === "object") node = def.shape[part as string];
    else if (def?.type === "array") node = def.element;
    else if (def?.type === "record") node = def.valueType;
    else return undefined;
  }
  unwrap();
  const def = node?._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape) : undefined;
}
