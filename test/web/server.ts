import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, createServer as createTcpServer } from "node:net";
import { extname, join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";

/**
 * A real HTTP server on 127.0.0.1 for the web tests: the corpus pages and the seed article in
 * the ways real sites serve them (with or without a charset, compressed, behind redirects, slow,
 * oversized, failing), an RSS and an Atom feed listing them, and an echo of request headers.
 */
const root = join(import.meta.dirname, "..", "..");
const corpusDir = join(root, "test", "fixtures", "corpus");

export interface Page {
  /** Path on the server, e.g. "/corpus/02-aclu-facebook-blog". */
  path: string;
  /** The same page as a file, for comparing. */
  file: string;
  title: string;
  type: string;
  published: string;
}

const TYPES: Record<string, string> = { ".html": "text/html", ".md": "text/markdown", ".txt": "text/plain" };

/** Every corpus page and the seed, as the server offers them. */
export function pages(): Page[] {
  const list: Page[] = readdirSync(corpusDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d, i) => {
      const name = readdirSync(join(corpusDir, d.name)).find((f) => f.startsWith("source.")) ?? "";
      return {
        path: `/corpus/${d.name}`,
        file: join(corpusDir, d.name, name),
        title: d.name,
        type: TYPES[extname(name)] ?? "text/plain",
        published: new Date(Date.UTC(2025, 0, 10 + i, 8)).toUTCString(),
      };
    });
  list.push({
    path: "/seed",
    file: join(root, "examples", "csto-interview.txt"),
    title: "The CSTO interview",
    type: "text/plain",
    published: new Date(Date.UTC(2025, 1, 1, 8)).toUTCString(),
  });
  return list;
}

/** One page by its server path; throws when there is none. */
export function page(path: string): Page {
  const found = pages().find((p) => p.path === path);
  if (!found) throw new Error(`no test page at ${path}`);
  return found;
}

export interface FeedItem {
  title: string;
  link: string;
  guid?: string;
  published?: string;
  /** Full content (content:encoded / Atom content), HTML. */
  content?: string;
}

export interface TestServer {
  url: string;
  port: number;
  /** Items of /feed.rss and /feed.atom; a test may change them. */
  items: FeedItem[];
  /** Paths requested so far, in order. */
  requests: string[];
  /** Headers of the last request to /echo. */
  lastEcho?: IncomingMessage["headers"];
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const byPath = new Map(pages().map((p) => [p.path, p]));
  const state = { items: [] as FeedItem[], requests: [] as string[] } as TestServer;
  const server: Server = createServer((req, res) => {
    state.requests.push(req.url ?? "");
    handle(req, res, byPath, state).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  state.url = `http://127.0.0.1:${port}`;
  state.items = pages().map((p) => ({
    title: p.title,
    link: `${state.url}${p.path}`,
    guid: `tag:test,2025:${p.path}`,
    published: p.published,
  }));
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  byPath: Map<string, Page>,
  state: TestServer,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://x");
  const path = url.pathname;
  const variant = /^\/(plain|nocharset|gzip|br)(\/.*)$/.exec(path);
  const page = byPath.get(variant?.[2] ?? path);
  if (page) {
    const body = readFileSync(page.file);
    const mode = variant?.[1];
    const headers: Record<string, string> = {
      "content-type": mode === "nocharset" ? page.type : `${page.type}; charset=utf-8`,
    };
    if (mode === "gzip" || mode === "br") {
      headers["content-encoding"] = mode;
      res.writeHead(200, headers).end(mode === "gzip" ? gzipSync(body) : brotliCompressSync(body));
      return;
    }
    res.writeHead(200, headers).end(body);
    return;
  }
  const hops = /^\/redirect\/(\d+)(\/.*)$/.exec(path);
  if (hops) {
    const n = Number(hops[1]);
    const next = n > 1 ? `/redirect/${n - 1}${hops[2]}` : (hops[2] ?? "/");
    res.writeHead(302, { location: next }).end();
    return;
  }
  if (path === "/to") {
    res.writeHead(302, { location: url.searchParams.get("url") ?? "/" }).end();
    return;
  }
  if (path === "/echo") {
    state.lastEcho = req.headers;
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(article("Echo"));
    return;
  }
  if (path === "/latin1-header" || path === "/latin1-meta") {
    const meta = path === "/latin1-meta" ? '<meta charset="windows-1252">' : "";
    const html = `<!doctype html><html lang="fr"><head>${meta}<title>Café crème à Paris</title></head><body><article><h1>Café crème à Paris</h1>${article("Le café est très apprécié à Paris, où l'on boit un crème le matin.", 8)}</article></body></html>`;
    const type = path === "/latin1-header" ? "text/html; charset=iso-8859-1" : "text/html";
    res.writeHead(200, { "content-type": type }).end(Buffer.from(html, "latin1"));
    return;
  }
  if (path === "/slow") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.write("<!doctype html><html><body><p>");
    const timer = setInterval(() => res.write("slow "), 200);
    res.on("close", () => clearInterval(timer));
    return;
  }
  if (path === "/big") {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    const line = Buffer.from(`${"word ".repeat(200)}\n`);
    for (let sent = 0; sent < 11 * 1024 * 1024; sent += line.length) {
      if (!res.write(line)) await new Promise((resolve) => res.once("drain", resolve));
      if (res.destroyed) return;
    }
    res.end();
    return;
  }
  if (path === "/bomb") {
    // 1 MB on the wire, 64 MB decoded.
    res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
    res.end(gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)));
    return;
  }
  const status = /^\/status\/(\d{3})$/.exec(path);
  if (status) {
    res.writeHead(Number(status[1]), { "content-type": "text/html" }).end("<h1>error</h1>");
    return;
  }
  if (path === "/image.png") {
    res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    return;
  }
  const short = /^\/short\/([a-z0-9-]+)$/.exec(path);
  if (short?.[1]) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(shortPage(short[1]));
    return;
  }
  if (path === "/with-assets") {
    // Everything a browser would fetch or run; presscast must do neither.
    const html = `<!doctype html><html><head><title>Assets</title><link rel="stylesheet" href="/asset/style.css">
<script src="/asset/app.js"></script><script>fetch("/asset/ran-inline")</script></head>
<body onload="fetch('/asset/ran-onload')"><article><h1>Assets</h1><img src="/asset/photo.jpg" alt="">
<picture><source srcset="/asset/photo.webp"></picture><iframe src="/asset/frame.html"></iframe>
${article("A page with pictures, scripts and styles around its text.", 4)}</article></body></html>`;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    return;
  }
  if (path === "/nav-only") {
    res
      .writeHead(200, { "content-type": "text/html" })
      .end("<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>");
    return;
  }
  if (path === "/feed.rss" || path === "/feed.atom") {
    const rss = path === "/feed.rss";
    res
      .writeHead(200, { "content-type": rss ? "application/rss+xml" : "application/atom+xml" })
      .end(rss ? rssFeed(state) : atomFeed(state));
    return;
  }
  res.writeHead(404, { "content-type": "text/plain" }).end("not found");
}

/** A short page for builds that must stay fast: a title and three short paragraphs. */
export function shortPage(name: string): string {
  const title = `${name.replace(/-/g, " ")} in brief`;
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav><a href="/">Home</a></nav>
<article><h1>${title}</h1>
<p>The council met on Tuesday to talk about ${name.replace(/-/g, " ")}.</p>
<p>Members agreed to look again next month.</p>
<p>Residents may write to the council before then.</p></article></body></html>`;
}

/** A short article of `count` paragraphs repeating a sentence. */
export function article(sentence: string, count = 3): string {
  return Array.from({ length: count }, (_, i) => `<p>${sentence} (${i + 1})</p>`).join("\n");
}

const xmlEscape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function rssFeed(state: Pick<TestServer, "url" | "items">): string {
  const items = state.items
    .map(
      (item) =>
        `<item><title>${xmlEscape(item.title)}</title><link>${xmlEscape(item.link)}</link>` +
        (item.guid ? `<guid isPermaLink="false">${xmlEscape(item.guid)}</guid>` : "") +
        (item.published ? `<pubDate>${item.published}</pubDate>` : "") +
        (item.content ? `<content:encoded><![CDATA[${item.content}]]></content:encoded>` : "") +
        "</item>",
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Test site</title><link>${state.url}/</link><description>Articles</description>
${items}
</channel></rss>`;
}

export function atomFeed(state: Pick<TestServer, "url" | "items">): string {
  const entries = state.items
    .map(
      (item) =>
        `<entry><title>${xmlEscape(item.title)}</title><link rel="alternate" href="${xmlEscape(item.link)}"/>` +
        `<id>${xmlEscape(item.guid ?? item.link)}</id>` +
        `<updated>${new Date(item.published ?? 0).toISOString()}</updated>` +
        (item.content ? `<content type="html">${xmlEscape(item.content)}</content>` : "") +
        "</entry>",
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test site</title><id>${state.url}/</id>
<updated>2025-03-01T00:00:00Z</updated><link href="${state.url}/"/>
${entries}
</feed>`;
}

/** A TCP port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createTcpServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
