/**
 * Which episode an article is: its canonical URL when the page declares a valid one, else its
 * file's name and title. A later build of the same article replaces it and keeps its GUID; two
 * inputs of one build that are the same article are refused naming both; two different articles
 * never share a slug or a GUID; and nothing depends on absolute paths or where the output is.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { presscast, toneProfile } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "presscast-identity-"));
const tone = toneProfile(join(work, "tone.yaml"));
const cache = join(work, "cache");

function page(name: string, title: string, canonical: string | undefined, body: string): string {
  const file = join(work, name);
  const link = canonical ? `<link rel="canonical" href="${canonical}">` : "";
  writeFileSync(
    file,
    `<!doctype html><html lang="en"><head><title>${title}</title>${link}</head><body><article><h1>${title}</h1>` +
      `<p>${body} The paragraph goes on long enough for the reader to take it as the article.</p>` +
      "<p>A second paragraph closes the piece with a few more plain words.</p></article></body></html>",
  );
  return file;
}

const build = (output: string, files: string[], cwd = work) =>
  presscast(["build", ...files, "--voices", tone, "-o", output, "--cache-dir", cache], { cwd });

const items = (output: string) => {
  const feed = readFileSync(join(output, "feed.xml"), "utf8");
  return [
    ...feed.matchAll(/<item>[\s\S]*?<title>(?:<!\[CDATA\[)?([^<\]]*)[\s\S]*?<guid[^>]*>([^<]+)<\/guid>/g),
  ].map((m) => ({
    title: m[1] ?? "",
    guid: m[2] ?? "",
  }));
};

const manifests = (output: string) =>
  readdirSync(join(output, "episodes")).filter((name) => /^[\w-]+\.json$/.test(name));

describe("episode identity", { timeout: 600_000 }, () => {
  it("refuses two inputs of one build with the same canonical URL, naming both (exit 2)", async () => {
    const a = page("one.html", "The same story", "https://news.example/story", "One telling of it.");
    const b = page("two.html", "The same story", "https://news.example/story", "Another telling of it.");
    const output = join(work, "dup");
    const result = await build(output, [a, b]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /one\.html and .*two\.html are the same article \(both declare https:\/\/news\.example\/story/,
    );
  });

  it("replaces an updated article in a later build and keeps its GUID, even under a new title", async () => {
    const output = join(work, "update");
    const first = await build(output, [
      page("v1.html", "Trees for the river", "https://news.example/trees", "First version."),
    ]);
    expect(first.code, first.stderr).toBe(0);
    const [before] = items(output);
    const second = await build(output, [
      page("v2.html", "Trees for the river, updated", "https://news.example/trees", "Second version."),
    ]);
    expect(second.code, second.stderr).toBe(0);
    const after = items(output);
    expect(after).toHaveLength(1);
    expect(after[0]?.guid).toBe(before?.guid);
    expect(after[0]?.title).toBe("Trees for the river, updated");
    expect(manifests(output)).toHaveLength(1);
  });

  it("keeps two different articles with one title apart: two slugs, two GUIDs", async () => {
    const output = join(work, "apart");
    const a = page("first.html", "Weather report", "https://a.example/weather", "Rain today.");
    const b = page("second.html", "Weather report", "https://b.example/weather", "Sun today.");
    expect((await build(output, [a])).code).toBe(0);
    expect((await build(output, [b])).code).toBe(0);
    const all = items(output);
    expect(all).toHaveLength(2);
    expect(new Set(all.map((item) => item.guid)).size).toBe(2);
    expect(manifests(output).sort()).toEqual(["weather-report-2.json", "weather-report.json"]);
  });

  it("gives the same GUID whatever folder the article and the output are in", async () => {
    const guids: string[] = [];
    for (const where of ["machine-a/jobs/17", "machine-b/tmp/x"]) {
      const folder = join(work, where);
      mkdirSync(folder, { recursive: true });
      const file = join(folder, "article.txt");
      writeFileSync(file, "A story without an address\n\nIt has no URL, only a file name and a title.\n");
      const output = join(folder, "out");
      const result = await build(output, ["article.txt"], folder);
      expect(result.code, result.stderr).toBe(0);
      guids.push(items(output)[0]?.guid ?? "");
    }
    expect(guids[0]).toMatch(/\S/);
    expect(guids[1]).toBe(guids[0]);
  });

  it("takes its own slug back after its manifest was damaged, instead of orphaning it under -2", async () => {
    const output = join(work, "damaged");
    const file = page("dmg.html", "A damaged manifest", undefined, "Plain words.");
    expect((await build(output, [file])).code).toBe(0);
    const manifest = join(output, "episodes", "a-damaged-manifest.json");
    const text = readFileSync(manifest, "utf8");
    writeFileSync(manifest, text.slice(0, Math.floor(text.length / 2)));
    const again = await build(output, [file]);
    expect(again.code, again.stderr).toBe(0);
    expect(manifests(output)).toEqual(["a-damaged-manifest.json"]);
    expect(items(output)).toHaveLength(1);
  });

  it("finds an episode an older presscast made (GUID from an absolute path) and keeps that GUID", async () => {
    const output = join(work, "older");
    const file = join(work, "older.txt");
    writeFileSync(file, "An older episode\n\nIt was built before identities were kept.\n");
    expect((await build(output, [file])).code).toBe(0);
    const path = join(output, "episodes", "an-older-episode.json");
    const old = {
      ...JSON.parse(readFileSync(path, "utf8")),
      guid: "0b9a4f1e-8a40-5d3c-9c56-1d0b6f0f2a11",
      buildKey: "old",
    };
    writeFileSync(path, JSON.stringify(old));
    copyFileSync(file, join(work, "older-copy.txt"));
    const again = await build(output, [file]);
    expect(again.code, again.stderr).toBe(0);
    expect(items(output).map((item) => item.guid)).toEqual(["0b9a4f1e-8a40-5d3c-9c56-1d0b6f0f2a11"]);
  });
});
