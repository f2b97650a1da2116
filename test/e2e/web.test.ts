import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFile } from "music-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EpisodeManifest, Script } from "../../src/types.js";
import { freePort, pages, startServer, type TestServer } from "../web/server.js";
import { presscast, toneProfile } from "./helpers.js";

/**
 * Articles from the web, end to end: the built command against a real HTTP server on
 * 127.0.0.1, with a fast real engine (the tone program) so that builds take seconds.
 */
const work = mkdtempSync(join(tmpdir(), "presscast-web-"));
const cache = join(work, "cache");
const voices = toneProfile(join(work, "tone.yaml"));
let server: TestServer;
let allow: string[];
let closed: number;

beforeAll(async () => {
  server = await startServer();
  closed = await freePort();
  allow = ["--allow-host", `127.0.0.1:${server.port}`];
});
afterAll(() => server.close());

const build = (output: string, ...args: string[]) =>
  presscast(["build", ...args, ...allow, "-o", output, "--voices", voices, "--cache-dir", cache, "--json"]);

const manifests = (output: string): EpisodeManifest[] => {
  const dir = join(output, "episodes");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^[a-z0-9-]+\.json$/.test(name))
    .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as EpisodeManifest);
};

const words = (n: number, topic: string) =>
  Array.from(
    { length: n / 10 },
    (_, i) => `<p>Part ${i + 1} of the story about ${topic} goes on here today.</p>`,
  ).join("");

describe("presscast script <url>", () => {
  it("gives the same Script as the page saved as a file, for every corpus page and the seed", async () => {
    for (const page of pages()) {
      const url = `${server.url}${page.path}`;
      const [web, file] = await Promise.all([
        presscast(["script", "--json", url, ...allow]),
        presscast(["script", "--json", page.file]),
      ]);
      expect(web.code, web.stderr).toBe(0);
      const a = JSON.parse(web.stdout) as Script;
      const b = JSON.parse(file.stdout) as Script;
      expect(a.meta.source).toBe(url);
      expect(a.meta.url).toBe(url);
      expect(a.chapters.slice(1), url).toEqual(b.chapters.slice(1));
      expect(a.chapters[0]?.segments, url).toEqual(b.chapters[0]?.segments);
      expect(a.speakers, url).toEqual(b.speakers);
      expect(a.meta.language, url).toBe(b.meta.language);
    }
  }, 300_000);
});

describe("presscast build <url>", () => {
  it("makes an episode whose source and link are the URL: manifest, feed, transcripts, ID3", async () => {
    const output = join(work, "one");
    const url = `${server.url}/redirect/2/short/river-paths`;
    const run = await build(output, url);
    expect(run.code, run.stderr).toBe(0);
    const [m] = manifests(output);
    expect(m?.title).toBe("river paths in brief");
    expect(m?.source).toEqual([url]);
    expect(m?.url).toBe(url);
    const feed = readFileSync(join(output, "feed.xml"), "utf8");
    expect(feed).toContain(`<link>${url}</link>`);
    const base = join(output, "episodes", m?.slug ?? "");
    expect(readFileSync(`${base}.vtt`, "utf8")).toContain(`NOTE\nSource: ${url}\n`);
    expect(JSON.parse(readFileSync(`${base}.transcript.json`, "utf8")).source).toBe(url);
    const tags = await parseFile(`${base}.mp3`);
    const id3 = Object.values(tags.native).flat();
    expect(id3.find((t) => t.id === "WOAS")?.value).toBe(url);
    expect(tags.common.comment?.[0]?.text).toBe(url);
  });
});

describe("every failure: one sentence naming the URL, and its exit code", () => {
  const cases: Array<[string, (s: TestServer) => string[], number, (s: TestServer) => string]> = [
    [
      "a private address without --allow-private",
      (s) => [`${s.url}/seed`],
      2,
      (s) =>
        `${s.url}/seed is a loopback address (this machine), which presscast does not fetch by default; use --allow-host 127.0.0.1:${s.port} or --allow-private if it is meant.`,
    ],
    [
      "another scheme",
      () => ["file:///etc/passwd"],
      2,
      () => "file:///etc/passwd uses file:, and presscast fetches only http and https.",
    ],
    [
      "an unknown host",
      () => ["http://no-such-host.invalid/a"],
      2,
      () =>
        "http://no-such-host.invalid/a names the host no-such-host.invalid, which DNS does not know; check the URL.",
    ],
    [
      "HTTP 404",
      (s) => [`${s.url}/status/404`, ...allow],
      2,
      (s) => `${s.url}/status/404 answered HTTP 404 Not Found; check the URL.`,
    ],
    [
      "HTTP 500",
      (s) => [`${s.url}/status/500`, ...allow],
      1,
      (s) => `${s.url}/status/500 answered HTTP 500 Internal Server Error; try again later.`,
    ],
    [
      "a slow page",
      (s) => [`${s.url}/slow`, "--timeout", "1", ...allow],
      1,
      (s) => `${s.url}/slow did not finish within 1 s (timeout).`,
    ],
    [
      "a page too large",
      (s) => [`${s.url}/big`, ...allow],
      2,
      (s) => `${s.url}/big is larger than 10 MB once decompressed, too large for an article.`,
    ],
    [
      "not a page",
      (s) => [`${s.url}/image.png`, ...allow],
      2,
      (s) => `${s.url}/image.png is image/png, not an HTML, XHTML or text page; presscast reads only those.`,
    ],
    [
      "too many redirects",
      (s) => [`${s.url}/redirect/6/seed`, ...allow],
      1,
      (s) => `${s.url}/redirect/6/seed redirects more than 5 times; giving up at ${s.url}/redirect/1/seed.`,
    ],
    [
      "a refused connection",
      () => [`http://127.0.0.1:${closed}/a`, "--allow-private"],
      1,
      () => `http://127.0.0.1:${closed}/a refused the connection (nothing listens on 127.0.0.1:${closed}).`,
    ],
  ];
  for (const [name, args, code, message] of cases) {
    it(name, async () => {
      const run = await presscast(["script", ...args(server)]);
      expect(run.code, run.stderr).toBe(code);
      expect(run.stderr.trim()).toBe(`presscast: ${message(server)}`);
      expect(run.stdout).toBe("");
    });
  }

  it("a page with no article: exit 2, and build publishes nothing", async () => {
    const output = join(work, "none");
    const run = await build(output, `${server.url}/nav-only`);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      new RegExp(`^presscast: ${server.url}/nav-only has no article text to read`),
    );
    expect(manifests(output)).toEqual([]);
  });

  it("with only the test server allowed, a redirect to [::1] on another port or to 169.254.169.254 is refused", async () => {
    for (const target of [`http://[::1]:${closed}/`, "http://169.254.169.254/latest/meta-data/"]) {
      const url = `${server.url}/to?url=${encodeURIComponent(target)}`;
      const before = server.requests.length;
      const run = await presscast(["script", url, ...allow]);
      expect(run.code, target).toBe(2);
      expect(run.stderr, target).toMatch(
        new RegExp(
          `^presscast: .+ \\(redirected to ${target.replace(/[.[\]/]/g, "\\$&")}\\) is a (loopback|link-local) address`,
        ),
      );
      expect(server.requests.length).toBe(before + 1);
    }
  });
});

describe("presscast build --feed", () => {
  const output = join(work, "feed");
  const articleRequests = () => server.requests.filter((r) => r.startsWith("/short/")).length;

  beforeAll(() => {
    server.items = [
      {
        title: "The full story of the bridge",
        link: `${server.url}/short/bridge`,
        guid: "tag:test,2025:bridge",
        published: "Mon, 06 Jan 2025 08:00:00 GMT",
        content: words(160, "the bridge"),
      },
      {
        title: "Lanterns in brief",
        link: `${server.url}/short/lanterns`,
        guid: "tag:test,2025:lanterns",
        published: "Tue, 07 Jan 2025 08:00:00 GMT",
        content: "<p>A teaser, not the article.</p>",
      },
    ];
  });

  it("builds each item: from its own content when whole, else from its link; dated by the item", async () => {
    const before = articleRequests();
    const run = await build(output, "--feed", `${server.url}/feed.rss`);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).episodes).toHaveLength(2);
    expect(articleRequests() - before).toBe(1); // only the teaser's link was fetched
    const byTitle = new Map(manifests(output).map((m) => [m.title, m]));
    expect(byTitle.get("The full story of the bridge")?.published).toBe("2025-01-06T08:00:00.000Z");
    expect(byTitle.get("Lanterns in brief")?.published).toBe("2025-01-07T08:00:00.000Z");
    expect(byTitle.get("Lanterns in brief")?.url).toBe(`${server.url}/short/lanterns`);
  });

  it("a second run builds nothing and fetches no article", async () => {
    const before = articleRequests();
    const run = await build(output, "--feed", `${server.url}/feed.rss`);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).episodes).toEqual([]);
    expect(articleRequests()).toBe(before);
    expect(manifests(output)).toHaveLength(2);
  });

  it("an added item builds exactly that one; the podcast feed keeps the others", async () => {
    server.items.unshift({
      title: "Harbour in brief",
      link: `${server.url}/short/harbour`,
      guid: "tag:test,2025:harbour",
      published: "Wed, 08 Jan 2025 08:00:00 GMT",
    });
    const run = await build(output, "--feed", `${server.url}/feed.rss`);
    expect(run.code, run.stderr).toBe(0);
    const built = JSON.parse(run.stdout).episodes as Array<{ title: string }>;
    expect(built.map((e) => e.title)).toEqual(["Harbour in brief"]);
    const feed = readFileSync(join(output, "feed.xml"), "utf8");
    expect(feed.match(/<item>/g)).toHaveLength(3);
  });

  it("a changed item replaces its episode and keeps its GUID", async () => {
    const old = manifests(output).find((m) => m.title === "The full story of the bridge");
    const item = server.items.find((i) => i.guid === "tag:test,2025:bridge");
    if (!item || !old) throw new Error("the bridge item is missing");
    item.title = "The bridge, updated";
    item.content = words(170, "the new bridge");
    const run = await build(output, "--feed", `${server.url}/feed.rss`);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).episodes).toHaveLength(1);
    const now = manifests(output);
    expect(now).toHaveLength(3);
    const updated = now.find((m) => m.guid === old.guid);
    expect(updated?.title).toBe("The bridge, updated");
    expect(updated?.slug).toBe(old.slug);
    expect(readFileSync(join(output, "feed.xml"), "utf8").match(/<item>/g)).toHaveLength(3);
  });

  it("a failing item is reported and skipped, the others are built, and the exit code says so", async () => {
    server.items.unshift(
      {
        title: "Gone",
        link: `${server.url}/status/404`,
        guid: "tag:test,2025:gone",
        published: "Thu, 09 Jan 2025 08:00:00 GMT",
      },
      {
        title: "Market in brief",
        link: `${server.url}/short/market`,
        guid: "tag:test,2025:market",
        published: "Fri, 10 Jan 2025 08:00:00 GMT",
      },
    );
    const run = await build(output, "--feed", `${server.url}/feed.rss`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `skipped: ${server.url}/status/404 answered HTTP 404 Not Found; check the URL.`,
    );
    expect(run.stderr).toContain(`presscast: ${server.url}/feed.rss: 1 item(s) failed and were skipped`);
    const out = JSON.parse(run.stdout);
    expect(out.episodes.map((e: { title: string }) => e.title)).toEqual(["Market in brief"]);
    expect(out.failed).toHaveLength(1);
    expect(manifests(output)).toHaveLength(4);
  });

  it("reads Atom too, with --since and --limit choosing the items", async () => {
    const atomOut = join(work, "atom");
    const run = await build(
      atomOut,
      "--feed",
      `${server.url}/feed.atom`,
      "--since",
      "2025-01-08",
      "--limit",
      "1",
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).episodes.map((e: { title: string }) => e.title)).toEqual([
      "Market in brief",
    ]);
  });
});
