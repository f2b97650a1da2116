import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEspeakEngine } from "../../src/synthesize/engines/espeak.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-catalogue-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ids(cacheDir: string): Promise<string[]> {
  const engine = await createEspeakEngine({ threads: 1, cacheDir });
  try {
    return (await engine.voices()).map((voice) => voice.id);
  } finally {
    await engine.close?.();
  }
}

describe("eSpeak's list of voices, kept between runs", () => {
  it("is listed by the engine once, then read from the cache folder while the data is the same", async () => {
    const first = await ids(dir);
    expect(first.length).toBeGreaterThan(100);
    expect(first.some((id) => id.startsWith("fr"))).toBe(true);
    const file = join(dir, "engines", "espeak-voices.json");
    const stored = JSON.parse(await readFile(file, "utf8"));
    // A voice only the stored list has proves the second engine read it instead of asking eSpeak.
    stored.catalogue.voices.push({ identifier: "test/zz", name: "Stored", languages: ["zz-stored"] });
    await writeFile(file, JSON.stringify(stored));
    expect(await ids(dir)).toContain("zz-stored");
    // From other data (another key) or damaged, the stored list is not trusted: eSpeak is asked again.
    await writeFile(file, JSON.stringify({ ...stored, key: "0.0.0/1/1" }));
    expect(await ids(dir)).toEqual(first);
    await writeFile(file, "{ not json");
    expect(await ids(dir)).toEqual(first);
  });
});
