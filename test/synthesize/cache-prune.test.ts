import { mkdir, mkdtemp, readdir, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pruneCache } from "../../src/synthesize/cache-prune.js";

const hex = (n: number) => n.toString(16).padStart(64, "0");
const HOUR = 3_600_000;

describe("pruning the cache", () => {
  it("deletes least recently used entries down to the limit, sweeps old temp files, and touches nothing else", async () => {
    const dir = await mkdtemp(join(tmpdir(), "presscast-prune-"));
    const now = Date.now();
    await mkdir(join(dir, "00"));
    await mkdir(join(dir, "pieces"));
    await mkdir(join(dir, "mine"));
    // Ten 100 kB clips, used one hour apart (clip 0 the longest ago); two MP3 pieces used recently.
    for (let i = 0; i < 10; i++) {
      const file = join(dir, "00", `${hex(i)}.wav`);
      await writeFile(file, Buffer.alloc(100_000));
      const used = new Date(now - (20 - i) * HOUR);
      await utimes(file, used, used);
    }
    for (let i = 0; i < 2; i++)
      await writeFile(join(dir, "pieces", `${hex(100 + i)}.mp3`), Buffer.alloc(100_000));
    const oldTemp = join(dir, "00", `.${hex(50)}.wav.1234.abcdef.tmp`);
    const newTemp = join(dir, "00", `.${hex(51)}.wav.1234.abcdef.tmp`);
    await writeFile(oldTemp, "x");
    await writeFile(newTemp, "x");
    await utimes(oldTemp, new Date(now - 2 * HOUR), new Date(now - 2 * HOUR));
    // Files presscast did not name are never touched, however old.
    const foreign = [join(dir, "mine", "photo.jpg"), join(dir, "00", "notes.txt")];
    for (const file of foreign) {
      await writeFile(file, Buffer.alloc(500_000));
      await utimes(file, new Date(0), new Date(0));
    }

    const result = await pruneCache(dir, 650_000, now);
    expect(result.swept).toBe(1);
    expect(result.bytes).toBeLessThanOrEqual(650_000);
    const clips = (await readdir(join(dir, "00"))).filter((name) => name.endsWith(".wav")).sort();
    // 1.2 MB of entries → 0.6 MB: the six oldest clips go, the newest four and both pieces stay.
    expect(clips).toEqual([6, 7, 8, 9].map((i) => `${hex(i)}.wav`));
    expect(await readdir(join(dir, "pieces"))).toHaveLength(2);
    const left = await readdir(join(dir, "00"));
    expect(left).toContain(`.${hex(51)}.wav.1234.abcdef.tmp`);
    expect(left).not.toContain(`.${hex(50)}.wav.1234.abcdef.tmp`);
    expect(left).toContain("notes.txt");
    expect(await readdir(join(dir, "mine"))).toEqual(["photo.jpg"]);
  });

  it("keeps entries used in the last ten minutes even over the limit (a build may be using them)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "presscast-prune-"));
    await mkdir(join(dir, "ab"));
    for (let i = 0; i < 3; i++) await writeFile(join(dir, "ab", `${hex(i)}.wav`), Buffer.alloc(100_000));
    const result = await pruneCache(dir, 10);
    expect(result.removed).toBe(0);
    expect(await readdir(join(dir, "ab"))).toHaveLength(3);
  });
});
