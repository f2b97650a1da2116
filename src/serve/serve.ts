/**
 * `presscast serve`: the output folder over HTTP for podcast apps and browsers on the network.
 * Files go through `send` (byte ranges, ETag, Last-Modified); the feed points at this server
 * when no baseUrl is configured. Nothing outside the folder and no dotfile can be reached.
 */

import { realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname, networkInterfaces } from "node:os";
import { join, resolve, sep } from "node:path";
import send from "send";
import { InputError } from "../errors.js";
import { FEED_FILE, mediaType, PLAYER_FILE } from "../output/layout.js";
import { DEFAULT_CONFIG, type PodcastConfig } from "../publish/config.js";
import { liveFeed } from "./live-feed.js";
import { checkRequestPath } from "./paths.js";

export interface ServeOptions {
  /** default: 8080; 0 picks a free port. */
  port?: number;
  /** default: "127.0.0.1" (this machine only); "0.0.0.0" for the network. */
  host?: string;
  /** The podcast config; with a baseUrl, feed.xml is served from disk as built. */
  config?: PodcastConfig;
  log: (line: string) => void;
}

export interface RunningServer {
  /** The address to open, e.g. "http://127.0.0.1:8080/". */
  url: string;
  feedUrl: string;
  close(): Promise<void>;
}

const TEXT_TYPES = /^(text\/.+|application\/(rss\+xml|json|x-subrip))$/;

/** Serve `outputDir` until `close()` is called. Throws InputError when the folder does not exist. */
export async function serve(outputDir: string, opts: ServeOptions): Promise<RunningServer> {
  const root = await realFolder(outputDir);
  const config = opts.config ?? DEFAULT_CONFIG;
  const host = opts.host ?? "127.0.0.1";
  const feedFor = liveFeed(root, config, opts.log);
  let selfUrl = "";

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      opts.log(`serve: ${req.url}: ${(error as Error).message}`);
      if (!res.headersSent) plain(res, 500, "Internal error.");
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.timeout = 120_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return plain(res, 405, "Only GET and HEAD.");
    }
    const checked = checkRequestPath(req.url);
    if (!checked.ok) return plain(res, checked.status, checked.status === 404 ? "Not found." : "Refused.");
    const path = checked.path === "/" ? `/${PLAYER_FILE}` : checked.path;
    if (path === `/${FEED_FILE}` && !config.baseUrl) {
      const feed = await feedFor(baseFromRequest(req) ?? selfUrl);
      res.setHeader("Content-Type", "application/rss+xml; charset=utf-8");
      res.setHeader("ETag", feed.etag);
      res.setHeader("Cache-Control", "no-cache");
      if (req.headers["if-none-match"] === feed.etag) return void res.writeHead(304).end();
      res.setHeader("Content-Length", Buffer.byteLength(feed.body));
      res.writeHead(200).end(req.method === "HEAD" ? undefined : feed.body);
      return;
    }
    if (!(await insideRoot(root, decodeURIComponent(path)))) return plain(res, 403, "Refused.");
    const stream = send(req, path, { root, dotfiles: "deny", index: false, etag: true, lastModified: true });
    stream.on("headers", (response: ServerResponse, file: string) => {
      const type = mediaType(file);
      if (type) response.setHeader("Content-Type", TEXT_TYPES.test(type) ? `${type}; charset=utf-8` : type);
      response.setHeader("Cache-Control", "no-cache");
    });
    stream.on("directory", () => plain(res, 404, "Not found."));
    stream.on("error", (error: { status?: number; statusCode?: number }) => {
      const status = error.status ?? error.statusCode ?? 500;
      plain(
        res,
        status,
        status === 404 ? "Not found." : status === 416 ? "Range not satisfiable." : "Refused.",
      );
    });
    stream.pipe(res);
  }

  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(opts.port ?? 8080, host, () => {
      server.off("error", fail);
      done();
    });
  });
  const { port } = server.address() as AddressInfo;
  selfUrl = `http://${displayHost(host)}:${port}/`;
  const feedUrl = new URL(FEED_FILE, config.baseUrl ?? selfUrl).href;
  opts.log(`serving ${root} at ${selfUrl}`);
  opts.log(`feed: ${feedUrl}`);
  return {
    url: selfUrl,
    feedUrl,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}

async function realFolder(dir: string): Promise<string> {
  try {
    const real = await realpath(resolve(dir));
    if ((await stat(real)).isDirectory()) return real;
  } catch {}
  throw new InputError(
    `${dir}: no such output folder to serve; run presscast build first, or name it with -o.`,
  );
}

/** False when the path resolves (through symlinks) outside the root; a missing file is left to send's 404. */
async function insideRoot(root: string, path: string): Promise<boolean> {
  try {
    const real = await realpath(join(root, path));
    return real === root || real.startsWith(root + sep);
  } catch {
    return true;
  }
}

function plain(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(message),
  });
  res.end(message);
}

/**
 * The base URL a client reached us by, when its Host header names this machine (one of its
 * addresses, its name, or localhost) and a valid port; undefined otherwise. Any other Host would
 * let a client write someone else's address into the feed other clients are served.
 */
function baseFromRequest(req: IncomingMessage): string | undefined {
  const hostHeader = req.headers.host;
  if (!hostHeader || !/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(hostHeader)) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${hostHeader}/`);
  } catch {
    return undefined;
  }
  return ownNames().has(url.hostname.replace(/^\[|\]$/g, "").toLowerCase()) ? url.href : undefined;
}

/** The names and addresses this machine answers to. */
function ownNames(): Set<string> {
  const names = new Set(["localhost", "127.0.0.1", "::1", hostname().toLowerCase()]);
  for (const list of Object.values(networkInterfaces()))
    for (const entry of list ?? []) names.add(entry.address.toLowerCase());
  return names;
}

/** A host for URLs: the first LAN address when bound to every interface, IPv6 in brackets. */
function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") {
    for (const list of Object.values(networkInterfaces())) {
      const lan = list?.find((entry) => entry.family === "IPv4" && !entry.internal);
      if (lan) return lan.address;
    }
    return "127.0.0.1";
  }
  return host.includes(":") ? `[${host}]` : host;
}
