/**
 * Through the command line: an episode whose manifest an older presscast wrote (no version) is
 * read, not rebuilt and not dropped; a damaged manifest beside it stops neither `feed` nor a later
 * `build` into the same folder, and every warning names the file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { presscast, toneProfile } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "presscast-versions-"));
const tone = toneProfile(join(work, "tone.yaml"));
const article = (name: string, title: string) => {
  const file = join(work, name);
  writeFileSync(file, `${title}\n\nA short article with two sentences. It ends here.\n`);
  return file;
};
const build = (output: string, file: string) =>
  presscast(["build", file, "--voices", tone, "-o", output, "--cache-dir", join(work, "cache"), "--json"], {
    cwd: work,
  });

describe("manifests of other versions and damaged ones", { timeout: 600_000 }, () => {
  it("an old manifest is migrated; a null chapter stops neither feed nor a later build", async () => {
    const output = join(work, "out");
    const first = article("first.txt", "The first story");
    expect((await build(output, first)).code).toBe(0);
    const manifest = join(output, "episodes", "the-first-story.json");
    const written = JSON.parse(readFileSync(manifest, "utf8"));
    expect(written.version).toBe(1);
    // As an older presscast wrote it: no version field.
    const { version: _, ...old } = written;
    writeFileSync(manifest, JSON.stringify(old, null, 2));
    const broken = join(output, "episodes", "broken.json");
    writeFileSync(
      broken,
      JSON.stringify({ ...old, slug: "broken", title: "Broken", source: ["broken.txt"], chapters: [null] }),
    );

    const feed = await presscast(["feed", "-o", output], { cwd: work });
    expect(feed.code).toBe(0);
    expect(feed.stderr).toContain(
      `${broken}: not an episode manifest ("chapters[0]" must be a mapping, not empty)`,
    );

    const again = await build(output, first);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).episodes[0].unchanged).toBe(true);
    const second = await build(output, article("second.txt", "The second story"));
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`${broken}: not an episode manifest`);
    const xml = readFileSync(join(output, "feed.xml"), "utf8");
    expect(xml.match(/<item>/g)).toHaveLength(2);
    expect(xml).toContain("The first story");
    expect(xml).toContain("The second story");
    expect(JSON.parse(readFileSync(manifest, "utf8")).guid).toBe(written.guid);
  });
});
