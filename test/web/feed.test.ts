import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFeed } from "../../src/episode/feed-episodes.js";
import { entryDocument } from "../../src/episode/feed-item.js";
import { InputError } from "../../src/errors.js";
import { loadFeed, readFeed } from "../../src/web/feed.js";
import type { FetchOptions } from "../../src/web/fetch.js";
import { atomFeed, pages, rssFeed, startServer, type TestServer } from "./server.js";

let server: TestServer;
let fetchOptions: Omit<FetchOptions, "accept">;
beforeAll(async () => {
  server = await startServer();
  fetchOptions = { policy: { allowHosts: [`127.0.0.1:${server.port}`] } };
});
afterAll(() => server.close());

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

describe("reading a feed", () => {
  it.each(["rss", "atom"])("%s: each item's identity, link and date", async (kind) => {
    const feed = await loadFeed(`${server.url}/feed.${kind}`, fetchOptions);
    expect(feed.entries.map((e) => e.identity)).toEqual(server.items.map((i) => i.guid));
    expect(feed.entries.map((e) => e.link)).toEqual(server.items.map((i) => i.link));
    expect(feed.entries.map((e) => e.published)).toEqual(
      server.items.map((i) => new Date(i.published ?? "").toISOString()),
    );
  });

  it("an item's identity is its GUID, else its link; a changed item has a new hash", () => {
    const state = {
      url: "https://example.com",
      items: [
        { title: "A", link: "https://example.com/a", guid: "g-a", content: "<p>one</p>" },
        { title: "B", link: "https://example.com/b" },
      ],
    };
    const before = readFeed(rssFeed(state), "feed.xml").entries;
    expect(before.map((e) => e.identity)).toEqual(["g-a", "https://example.com/b"]);
    const changed = readFeed(
      rssFeed({
        ...state,
        items: [{ ...state.items[0], content: "<p>two</p>" }, ...state.items.slice(1)],
      } as typeof state),
      "feed.xml",
    ).entries;
    expect(changed[0]?.hash).not.toBe(before[0]?.hash);
    expect(changed[1]?.hash).toBe(before[1]?.hash);
    expect(readFeed(atomFeed(state), "feed.xml").entries.map((e) => e.identity)).toEqual([
      "g-a",
      "https://example.com/b",
    ]);
  });

  it("reads a feed file too, resolving its relative links against the feed's site", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "presscast-feed-")), "feed.xml");
    writeFileSync(file, rssFeed({ url: server.url, items: [{ title: "A", link: "short/a", guid: "g-a" }] }));
    const feed = await loadFeed(file, fetchOptions);
    expect(feed.entries.map((e) => [e.identity, e.link])).toEqual([["g-a", `${server.url}/short/a`]]);
    // A header belongs to the feed's own site; a file has none, so it is refused before any work.
    const headers = { cookie: "session=secret" };
    const run = runFeed(
      file,
      { output: join(file, ".."), fetch: { ...fetchOptions, headers }, log: () => {} },
      () => {
        throw new Error("nothing may be built");
      },
    );
    await expect(run).rejects.toThrow(
      new InputError(
        `--header is sent to the feed's own site, and ${file} is a file; fetch the feed by its URL.`,
      ),
    );
    await expect(loadFeed(join(file, "..", "missing.xml"), fetchOptions)).rejects.toThrow(
      new InputError(`${join(file, "..", "missing.xml")} does not exist; check the path.`),
    );
  });

  it("refuses what is not a feed, naming it", async () => {
    const url = `${server.url}/seed`;
    await expect(loadFeed(url, fetchOptions)).rejects.toThrow(
      new InputError(`${url} is not an RSS or Atom feed (The XML document could not be parsed as a feed).`),
    );
  });
});

describe("an item's article", () => {
  const feedOf = (content: string) =>
    readFeed(
      rssFeed({
        url: server.url,
        items: [
          {
            title: "Trees",
            link: `${server.url}/seed`,
            guid: "g1",
            content,
            published: pages()[0]?.published,
          },
        ],
      }),
      `${server.url}/feed.rss`,
    );

  it("is the item's own content when that holds the whole article (150 words or more)", async () => {
    const feed = feedOf(`<p>${words(80)}.</p><p>${words(80)}.</p>`);
    const before = server.requests.length;
    const doc = await entryDocument(feed.entries[0] as (typeof feed.entries)[0], feed, fetchOptions);
    expect(server.requests.length).toBe(before);
    expect(doc.meta.title).toBe("Trees");
    expect(doc.meta.url).toBe(`${server.url}/seed`);
    expect(doc.meta.published).toBe(new Date(pages()[0]?.published ?? "").toISOString());
    expect(doc.blocks).toHaveLength(2);
  });

  it("is the linked page when the item holds only a summary", async () => {
    const feed = feedOf(`<p>${words(40)}.</p>`);
    const doc = await entryDocument(feed.entries[0] as (typeof feed.entries)[0], feed, fetchOptions);
    expect(server.requests.at(-1)).toBe("/seed");
    expect(doc.meta.title).toBe("Trees");
    expect(doc.meta.source).toBe(`${server.url}/seed`);
    expect(doc.blocks.length).toBeGreaterThan(10);
  });
});
