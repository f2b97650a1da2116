/** What an output folder remembers of a feed's items: a damaged entry forgets that item only. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFeedMemory, rememberItem } from "../../src/output/feed-memory.js";
import { FEED_MEMORY_FILE } from "../../src/output/layout.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const good = { hash: "h1", guid: "g1", slug: "one", feed: "f.xml", built: "2025-01-01T00:00:00.000Z" };

describe("the feed memory", () => {
  it("keeps the items that name their episode and forgets damaged ones", async () => {
    const out = await mkdtemp(join(tmpdir(), "presscast-memory-"));
    dirs.push(out);
    const file = join(out, FEED_MEMORY_FILE);
    await writeFile(file, JSON.stringify({ version: 1, items: { a: good, b: null, c: { hash: 1 }, d: [] } }));
    expect([...(await readFeedMemory(out)).keys()]).toEqual(["a"]);
    await writeFile(file, JSON.stringify({ version: 1, items: [good] }));
    expect((await readFeedMemory(out)).size).toBe(0);
    await writeFile(file, "{ not json");
    expect((await readFeedMemory(out)).size).toBe(0);
    const memory = await readFeedMemory(out);
    await rememberItem(out, memory, "item:x", good);
    expect((await readFeedMemory(out)).get("item:x")).toEqual(good);
  });
});
