import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFeed } from "podcast-partytime";
import { afterAll, describe, expect, it } from "vitest";
import { localLeadImage } from "../../src/ingest/lead-image.js";
import { makeImage } from "../publish/helpers.js";
import { presscast, toneProfile } from "./helpers.js";

/** A saved web page whose lead image sits in the folder a browser saves beside it. */
const work = mkdtempSync(join(tmpdir(), "presscast-art-"));
const output = join(work, "output");
const page = (name: string, img: string) => {
  const path = join(work, name);
  writeFileSync(
    path,
    `<!doctype html><html lang="en"><head><title>${name}</title></head><body><article><h1>Harbour lights at ${name}</h1>
<figure><img src="${img}" alt="The harbour at night"><figcaption>Photo: A. Person</figcaption></figure>
<p>The harbour lights come on at dusk. Fishermen come home as the tide turns.</p>
<p>Every evening the same boats return, and the town gathers on the quay to watch them.</p>
<p>Nobody remembers when the custom began, but everyone knows the boats by name.</p></article></body></html>`,
  );
  return path;
};
afterAll(() => {
  spawnSync("rm", ["-rf", work]);
});

describe("an article's local lead image", () => {
  it("is found relative to the page, never fetched", async () => {
    mkdirSync(join(work, "Page_files"), { recursive: true });
    await makeImage(join(work, "Page_files", "lead image.jpg"), 1800, 1000, "0x884422");
    const file = join(work, "x.html");
    expect(localLeadImage(["Page_files/lead%20image.jpg"], file)).toBe(
      join(work, "Page_files", "lead image.jpg"),
    );
    expect(
      localLeadImage(["https://example.org/a.jpg", "data:image/png;base64,AAAA", "missing.jpg"], file),
    ).toBe(undefined);
  });

  it("becomes the episode's square art in the feed and on its page; a small one is left out", async () => {
    await makeImage(join(work, "Page_files", "tiny.png"), 300, 200);
    const voices = toneProfile(join(work, "voices.yaml"));
    const args = ["-o", output, "--voices", voices, "--cache-dir", join(work, "cache")];
    const big = await presscast(["build", page("big.html", "Page_files/lead%20image.jpg"), ...args], {
      cwd: work,
    });
    expect(big.code, big.stderr).toBe(0);
    const small = await presscast(["build", page("small.html", "Page_files/tiny.png"), ...args], {
      cwd: work,
    });
    expect(small.code, small.stderr).toBe(0);

    const feed = parseFeed(readFileSync(join(output, "feed.xml"), "utf8"));
    const items = feed?.items ?? [];
    const withArt = items.find((i) => i.title?.includes("big.html"));
    const without = items.find((i) => i.title?.includes("small.html"));
    const art = withArt?.image ?? withArt?.itunesImage;
    expect(String(art)).toMatch(/^episodes\/big-html\.jpg$/);
    expect(without?.image ?? without?.itunesImage).toBeUndefined();
    const probe = spawnSync(
      "ffprobe",
      ["-v", "error", "-show_streams", "-of", "json", join(output, "episodes", "big-html.jpg")],
      { encoding: "utf8" },
    );
    const [stream] = (JSON.parse(probe.stdout) as { streams: Array<{ width: number; height: number }> })
      .streams;
    expect(stream).toMatchObject({ width: 1400, height: 1400 });
    const html = readFileSync(join(output, "episodes", "big-html.html"), "utf8");
    expect(html).toContain('<img class="art" src="big-html.jpg" alt="">');
  });
});
