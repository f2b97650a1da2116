import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/atomic.js";

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
