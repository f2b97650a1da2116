import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { replaceAtomic, writeFileAtomic } from "../../src/atomic.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-atomic-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("replaces a file whole, creates its folder, and leaves no temporary files", async () => {
  const file = join(dir, "nested", "feed.xml");
  await writeFileAtomic(file, "first");
  await writeFileAtomic(file, new TextEncoder().encode("second"));
  expect(await readFile(file, "utf8")).toBe("second");
  expect(await readdir(join(dir, "nested"))).toEqual(["feed.xml"]);
});

it("fails without touching the target or leaving a temporary file", async () => {
  const target = join(dir, "taken");
  await mkdir(join(target, "inside"), { recursive: true });
  await expect(writeFileAtomic(target, "data")).rejects.toThrow();
  expect(await readdir(dir)).toEqual(["nested", "taken"]);
  expect(await readdir(target)).toEqual(["inside"]);
});

it("lets a writer make the file itself, and removes what a failed writer left", async () => {
  const file = join(dir, "clips", "a.wav");
  let seen = "";
  const made = await replaceAtomic(file, async (temp) => {
    seen = temp;
    await writeFile(temp, "audio");
    return 5;
  });
  expect(made).toBe(5);
  expect(seen).not.toBe(file);
  expect(await readFile(file, "utf8")).toBe("audio");
  const failed = replaceAtomic(file, async (temp) => {
    await writeFile(temp, "half");
    throw new Error("engine crashed");
  });
  await expect(failed).rejects.toThrow("engine crashed");
  expect(await readFile(file, "utf8")).toBe("audio");
  expect(await readdir(join(dir, "clips"))).toEqual(["a.wav"]);
});
