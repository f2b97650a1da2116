import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, parsePodcastConfig } from "../../src/publish/config.js";
import { writeFeed } from "../../src/publish/publish.js";
import { type RunningServer, serve } from "../../src/serve/serve.js";
import { writeEpisode } from "../publish/helpers.js";
import { rawGet } from "./helpers.js";

let parent: string;
let out: string;
let server: RunningServer;
let audio: Buffer;
const SECRET = "top secret outside the output folder";

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), "presscast-serve-"));
  out = join(parent, "output");
  await mkdir(out);
  await writeEpisode(out, {}, 3);
  await writeFeed(
    out,
    { ...DEFAULT_CONFIG, owner: {} },
    { now: new Date("2024-03-04T00:00:00Z"), log: () => {} },
  );
  audio = await readFile(join(out, "episodes", "sample-episode.mp3"));
  await writeFile(join(parent, "secret.txt"), SECRET);
  await writeFile(join(out, ".secret"), SECRET);
  await writeFile(join(out, "episodes", ".hidden.mp3"), SECRET);
  await symlink(join(parent, "secret.txt"), join(out, "episodes", "link.mp3"));
  server = await serve(out, { port: 0, log: () => {} });
});
afterAll(async () => {
  await server?.close();
  await rm(parent, { recursive: true, force: true });
});

describe("serve", () => {
  it("binds 127.0.0.1 by default and serves the player at /", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await rawGet(server.url, "/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body.toString()).toContain('src="episodes/sample-episode.mp3"');
  });

  it("answers Range: bytes=10-99 with 206 and exactly those bytes", async () => {
    const res = await rawGet(server.url, "/episodes/sample-episode.mp3", { Range: "bytes=10-99" });
    expect(res.status).toBe(206);
    expect(res.headers["content-range"]).toBe(`bytes 10-99/${audio.length}`);
    expect(res.headers["content-type"]).toBe("audio/mpeg");
    expect(res.body.equals(audio.subarray(10, 100))).toBe(true);
  });

  it("answers a suffix range with the last bytes, and a range past the end with 416", async () => {
    const suffix = await rawGet(server.url, "/episodes/sample-episode.mp3", { Range: "bytes=-50" });
    expect(suffix.status).toBe(206);
    expect(suffix.body.equals(audio.subarray(audio.length - 50))).toBe(true);
    const past = await rawGet(server.url, "/episodes/sample-episode.mp3", {
      Range: `bytes=${audio.length}-`,
    });
    expect(past.status).toBe(416);
    expect(past.headers["content-range"]).toBe(`bytes */${audio.length}`);
  });

  it("sends ETag and Last-Modified, and 304 for a fresh copy", async () => {
    const full = await rawGet(server.url, "/episodes/sample-episode.mp3");
    expect(full.status).toBe(200);
    expect(full.body.equals(audio)).toBe(true);
    expect(full.headers["accept-ranges"]).toBe("bytes");
    expect(full.headers["last-modified"]).toBeTruthy();
    const etag = String(full.headers.etag);
    const again = await rawGet(server.url, "/episodes/sample-episode.mp3", { "If-None-Match": etag });
    expect(again.status).toBe(304);
  });

  it("gives each published file its media type, with CORS", async () => {
    const types: Array<[string, string]> = [
      ["/episodes/sample-episode.chapters.json", "application/json+chapters"],
      ["/episodes/sample-episode.transcript.json", "application/json; charset=utf-8"],
      ["/episodes/sample-episode.vtt", "text/vtt; charset=utf-8"],
      ["/episodes/sample-episode.srt", "application/x-subrip; charset=utf-8"],
      ["/feed.xml", "application/rss+xml; charset=utf-8"],
    ];
    for (const [path, type] of types) {
      const res = await rawGet(server.url, path);
      expect([path, res.status, res.headers["content-type"]]).toEqual([path, 200, type]);
      expect(res.headers["access-control-allow-origin"]).toBe("*");
    }
  });

  it("serves a feed that points at itself when no baseUrl is configured", async () => {
    const res = await rawGet(server.url, "/feed.xml");
    const enclosure = /<enclosure url="([^"]+)" length="(\d+)"/.exec(res.body.toString());
    expect(enclosure?.[1]).toBe(`${server.url}episodes/sample-episode.mp3`);
    expect(Number(enclosure?.[2])).toBe(audio.length);
    const fetched = await fetch(enclosure?.[1] ?? "");
    expect(Buffer.from(await fetched.arrayBuffer()).equals(audio)).toBe(true);
    // A name of this machine the client used is kept; any other Host cannot steer the links.
    const port = new URL(server.url).port;
    const named = await rawGet(server.url, "/feed.xml", { Host: `localhost:${port}` });
    expect(named.body.toString()).toContain(`url="http://localhost:${port}/episodes/sample-episode.mp3"`);
    for (const host of ['evil"><x', "evil.example:8080", "192.0.2.77:8080", "a:99999"]) {
      const other = await rawGet(server.url, "/feed.xml", { Host: host });
      expect(other.status, host).toBe(200);
      expect(other.body.toString()).toContain(`url="${server.url}episodes/`);
    }
  });

  it("serves feed.xml from disk when a baseUrl is configured", async () => {
    const config = parsePodcastConfig("baseUrl: https://pod.example.org/", "p.yaml");
    await writeFeed(out, config, { now: new Date("2024-03-04T00:00:00Z"), log: () => {} });
    const other = await serve(out, { port: 0, config, log: () => {} });
    try {
      const res = await rawGet(other.url, "/feed.xml");
      expect(res.body.toString()).toContain('url="https://pod.example.org/episodes/sample-episode.mp3"');
      expect(other.feedUrl).toBe("https://pod.example.org/feed.xml");
    } finally {
      await other.close();
    }
  });

  it("refuses traversal in every spelling, dotfiles, and other methods", async () => {
    const hostile = [
      "/../secret.txt",
      "/episodes/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E%2Fsecret.txt",
      "/..%2fsecret.txt",
      "/episodes%2f..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "/..\\secret.txt",
      "/.%2e/secret.txt",
      "//secret.txt",
      `/${"..%2f".repeat(8)}etc/passwd`,
      "/index.html%00.mp3",
      "/%00",
      "/%ZZ",
      "http://127.0.0.1/../secret.txt",
      "/.secret",
      "/episodes/.hidden.mp3",
      "/%2esecret",
      `/${parent.slice(1)}/secret.txt`,
      "/episodes/link.mp3",
    ];
    for (const path of hostile) {
      const res = await rawGet(server.url, path);
      expect([path, [400, 403, 404].includes(res.status)]).toEqual([path, true]);
      expect(res.body.toString()).not.toContain(SECRET);
    }
    expect((await rawGet(server.url, "/.secret")).status).toBe(404);
    expect((await rawGet(server.url, "/../secret.txt")).status).toBe(403);
    expect((await rawGet(server.url, "/episodes")).status).toBe(404);
    expect((await rawGet(server.url, "/feed.xml", {}, "POST")).status).toBe(405);
  });

  it("refuses to start on a folder that does not exist", async () => {
    await expect(serve(join(parent, "nope"), { port: 0, log: () => {} })).rejects.toThrow(
      /nope: no such output folder/,
    );
  });
});
