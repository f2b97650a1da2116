import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/publish/config.js";
import { rebuildFeed } from "../../src/publish/publish.js";
import { type RunningServer, serve } from "../../src/serve/serve.js";
import { HOSTILE, writeEpisode } from "../publish/helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let out: string;
let profile: string;
let server: RunningServer;
let context: BrowserContext;
const dialogs: string[] = [];

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "presscast-player-"));
  profile = await mkdtemp(join(tmpdir(), "presscast-chromium-"));
  await writeEpisode(out, { slug: "river", guid: "g-river", published: "2024-03-01T00:00:00Z" }, 3);
  await writeEpisode(
    out,
    { slug: "hostile", title: HOSTILE, guid: "g-hostile", published: "2024-03-02T00:00:00Z" },
    3,
  );
  await rebuildFeed(
    out,
    { ...DEFAULT_CONFIG, owner: {}, title: HOSTILE },
    { now: new Date(), log: () => {} },
  );
  server = await serve(out, { port: 0, log: () => {} });
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
});
afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(out, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
});

/** The little of the page's DOM these tests touch (the project compiles without DOM types). */
interface PageGlobals {
  document: {
    querySelector(selector: string): { currentTime: number; seeking: boolean; readyState: number } | null;
  };
}

/** The episode's audio time, once it has settled after a seek. */
async function timeAfterClick(page: Page, episode: string, selector: string): Promise<number> {
  await page.locator(`#${episode} ${selector}`).click();
  await page.waitForFunction((sel) => {
    const audio = (globalThis as unknown as PageGlobals).document.querySelector(sel);
    return audio !== null && !audio.seeking;
  }, `#${episode} audio`);
  return page.evaluate(
    (sel) => (globalThis as unknown as PageGlobals).document.querySelector(sel)?.currentTime ?? -1,
    `#${episode} audio`,
  );
}

async function openAndCheck(url: string): Promise<void> {
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  try {
    await page.goto(url);
    expect(await page.title()).toBe(HOSTILE);
    await page.waitForFunction(
      () =>
        ((globalThis as unknown as PageGlobals).document.querySelector("#river audio")?.readyState ?? 0) >= 1,
    );

    const chapterTime = await timeAfterClick(page, "river", '.chapters button[data-start="1.250"]');
    expect(chapterTime).toBeGreaterThanOrEqual(1.25 - 0.01);
    expect(chapterTime).toBeLessThan(1.25 + 0.75);
    await page.waitForSelector('#river .chapters li.current[data-start="1.250"]');

    const cueTime = await timeAfterClick(page, "river", '.cue[data-start="1.900"]');
    expect(cueTime).toBeGreaterThanOrEqual(1.9 - 0.01);
    expect(cueTime).toBeLessThan(1.9 + 0.75);
    await page.waitForSelector("#river .cue.current");

    const back = await timeAfterClick(page, "river", '.chapters button[data-start="0.000"]');
    expect(back).toBeLessThan(0.75);
    expect(await page.locator("#hostile h2").textContent()).toBe(HOSTILE);
  } finally {
    await page.close();
  }
}

// .ci/run installs Debian's chromium and sets PRESSCAST_CI: there the browser test is required.
describe.skipIf(!existsSync(CHROMIUM) && !process.env.PRESSCAST_CI)("web player in Chromium", () => {
  it("from serve: a chapter click and a transcript click seek the audio", async () => {
    await openAndCheck(server.url);
    expect(dialogs).toEqual([]);
  });

  it("opened as a file: the same clicks seek", async () => {
    await openAndCheck(pathToFileURL(join(out, "index.html")).href);
    expect(dialogs).toEqual([]);
  });
});
