/**
 * Which article an episode is. A page that declares a valid canonical URL is that URL; anything
 * else is its source file, by its path from the working folder. Never an absolute path: the same article built on
 * another machine, from another folder, or into an output folder mounted elsewhere is the same
 * episode, so a later build replaces it and keeps its GUID instead of adding a second one.
 */
import { basename, join, relative, resolve, sep } from "node:path";
import { InputError } from "../errors.js";
import type { ScriptMeta } from "../types.js";
import { httpUrl } from "../url.js";
import { episodeFileNames } from "./layout.js";
import { manifestNames, readManifestData } from "./manifest.js";

/** What identifies an article: its URL, or its source files. */
export interface IdentityFields {
  url?: string | undefined;
  /** Source files as given, one or more (an edition), joined with ", " in a Script's meta. */
  source: readonly string[];
  title: string;
}

/** The identity key: `url:<canonical URL>` or `source:<paths relative to the working folder>`. */
export function episodeIdentity(fields: IdentityFields): string {
  const url = httpUrl(fields.url);
  if (url) return `url:${url}`;
  // Relative to where presscast runs: the same layout on another machine, or under another mount
  // point, gives the same identity; two files of one name in two folders stay two articles.
  const paths = fields.source.map((file) => relative(process.cwd(), resolve(file)).split(sep).join("/"));
  return `source:${paths.join("+")}`;
}

/** A Script's identity fields. */
export function scriptIdentity(meta: ScriptMeta): string {
  return episodeIdentity({
    url: meta.url,
    source: (meta.source ?? "").split(", ").filter(Boolean),
    title: meta.title,
  });
}

/**
 * Two inputs of one build that are the same article would silently replace each other: that is
 * an error naming both (exit 2).
 */
export function checkDistinct(inputs: Array<{ file: string; meta: ScriptMeta }>): void {
  const seen = new Map<string, string>();
  for (const { file, meta } of inputs) {
    const identity = scriptIdentity(meta);
    const first = seen.get(identity);
    if (first !== undefined) {
      const why = identity.startsWith("url:")
        ? `both declare ${identity.slice(4)} as their address`
        : `both are the file ${basename(file)}`;
      throw new InputError(
        `${first} and ${file} are the same article (${why}), so one episode would replace the other; build one of them.`,
      );
    }
    seen.set(identity, file);
  }
}

/**
 * The episode already in `episodesDir` with this identity, found by reading every manifest (so an
 * episode made by an older presscast, whose GUID came from an absolute path, is still found and
 * keeps that GUID). A manifest damaged elsewhere still identifies its episode; one that is not
 * JSON is passed over (the feed reports it).
 */
export async function findEpisode(
  episodesDir: string,
  identity: string,
): Promise<{ slug: string; guid: string } | undefined> {
  for (const name of await manifestNames(episodesDir).catch(() => [])) {
    const { slug, guid, title, source, url } = (await readManifestData(join(episodesDir, name))) ?? {};
    if (typeof slug !== "string" || typeof guid !== "string" || !guid || typeof title !== "string") continue;
    if (episodeFileNames(slug).manifest !== name) continue;
    const sources = Array.isArray(source) ? source.filter((s): s is string => typeof s === "string") : [];
    if (episodeIdentity({ url, source: sources, title }) === identity) return { slug, guid };
  }
  return undefined;
}
