import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/publish/config.js";
import { writeFeed } from "../../src/publish/publish.js";
import { type RunningServer, serve } from "../../src/serve/serve.js";
import type { EpisodeManifest } from "../../src/types.js";
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
  // Deep links start playback by themselves, as they do after a listener's click on a link.
  "--autoplay-policy=no-user-gesture-required",
];
const SECONDS = 60;

/** Four chapters of 15 s, a sentence every 2.5 s, speakers taking turns. */
function longEpisode(over: Partial<EpisodeManifest>): Partial<EpisodeManifest> {
  return {
    chapters: [0, 1, 2, 3].map((i) => ({ title: `Part ${i + 1}`, start: i * 15, end: (i + 1) * 15 })),
    cues: Array.from({ length: 24 }, (_, i) => ({
      start: i * 2.5,
      end: i * 2.5 + 2.3,
      chapter: Math.floor(i / 6),
      speaker: i % 4 < 2 ? "host" : "guest",
      text: `Sentence number ${i + 1}, which is spoken from ${i * 2.5} seconds.`,
    })),
    ...over,
  };
}

let out: string;
let profile: string;
let server: RunningServer;
let context: BrowserContext;
const dialogs: string[] = [];

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "presscast-player-"));
  profile = await mkdtemp(join(tmpdir(), "presscast-chromium-"));
  await writeEpisode(
    out,
    longEpisode({ slug: "river", guid: "g-river", published: "2024-03-01T00:00:00Z" }),
    SECONDS,
  );
  await writeEpisode(
    out,
    longEpisode({ slug: "hostile", title: HOSTILE, guid: "g-hostile", published: "2024-03-02T00:00:00Z" }),
    SECONDS,
  );
  await writeFeed(out, { ...DEFAULT_CONFIG, owner: {}, title: HOSTILE }, { now: new Date(), log: () => {} });
  server = await serve(out, { port: 0, log: () => {} });
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
}, 60_000);
afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(out, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
});

/** A page expression's value (the project compiles without DOM types, so expressions are strings). */
const js = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;
const audio = (episode: string) => `document.querySelector("#${episode} audio")`;
const timeOf = (page: Page, episode: string) => js<number>(page, `${audio(episode)}.currentTime`);

/** Polls a page expression until it is true (a string predicate for waitForFunction would need eval, which the page's CSP forbids). */
async function until(page: Page, expression: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await js<boolean>(page, expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function open(url: string, viewport = { width: 1000, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  await until(page, `[...document.querySelectorAll("audio")].every((a) => a.readyState >= 1)`);
  return page;
}

/** Waits until the episode's audio is not seeking and its time is within [low, high]. */
/**
 * Forgets what earlier tests stored (positions, speed) for the server's origin, from a page of
 * that origin that runs no player (a player page would store its position again as it unloads).
 */
async function forget(): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${server.url}episodes/river.vtt`);
  await js(page, "localStorage.clear()");
  await page.close();
}

async function settlesBetween(page: Page, episode: string, low: number, high: number): Promise<number> {
  await until(
    page,
    `!${audio(episode)}.seeking && ${audio(episode)}.currentTime >= ${low} && ${audio(episode)}.currentTime <= ${high}`,
  );
  return timeOf(page, episode);
}

async function pause(page: Page, episode: string): Promise<void> {
  await js(page, `${audio(episode)}.pause()`);
}

const onIndex = () => server.url;
const episodePage = (slug: string) => `${server.url}episodes/${slug}.html`;

describe.skipIf(!existsSync(CHROMIUM) && !process.env.PRESSCAST_CI)("web player in Chromium", () => {
  it("plays and pauses, skips back 15 s and forward 30 s, seeks with the bar, shows time left", async () => {
    const page = await open(episodePage("river"));
    await page.click("#river .play");
    await until(page, `!${audio("river")}.paused && ${audio("river")}.currentTime > 0.3`);
    expect(await page.getAttribute("#river .play", "aria-label")).toBe("Pause");
    await page.click("#river .play");
    expect(await js<boolean>(page, `${audio("river")}.paused`)).toBe(true);

    await page.click("#river .forward");
    const ahead = await settlesBetween(page, "river", 30, 32);
    await page.click("#river .back");
    await settlesBetween(page, "river", ahead - 15 - 0.01, ahead - 15 + 0.5);

    await page.locator("#river .seek").fill("40");
    const sought = await settlesBetween(page, "river", 39.9, 40.6);
    const left = await page.textContent("#river .left");
    expect(left).toBe(`-0:${String(Math.floor(SECONDS - sought + 1e-6)).padStart(2, "0")}`);
    await page.close();
  });

  it("changes speed from 0.75× to 2× and remembers it on the next visit", async () => {
    const page = await open(episodePage("river"));
    await page.selectOption("#river .speed", "1.5");
    expect(await js<number>(page, `${audio("river")}.playbackRate`)).toBe(1.5);
    expect(await js<string>(page, `localStorage.getItem("presscast:rate")`)).toBe("1.5");
    const options = await page.$$eval("#river .speed option", (els) =>
      els.map((e) => e.getAttribute("value")),
    );
    expect(options).toEqual(["0.75", "1", "1.25", "1.5", "1.75", "2"]);
    await page.reload();
    await until(page, `${audio("river")}.readyState >= 1`);
    expect(await js<number>(page, `${audio("river")}.playbackRate`)).toBe(1.5);
    await page.selectOption("#river .speed", "1");
    await page.close();
  });

  it("shows the cover and title, highlights the current chapter, announces it, and jumps to chapters", async () => {
    const page = await open(episodePage("hostile"));
    expect(await js<number>(page, `document.querySelector("#hostile .art").naturalWidth`)).toBe(1400);
    expect(await page.textContent("#hostile h1")).toBe(HOSTILE);
    await page.click('#hostile .chapters button[data-start="30.000"]');
    await settlesBetween(page, "hostile", 30, 33);
    await page.waitForSelector('#hostile .chapters li.current[data-start="30.000"]');
    expect(await page.getAttribute('#hostile .chapters li[data-start="30.000"]', "aria-current")).toBe(
      "true",
    );
    expect(await page.textContent("#hostile .now")).toBe("Chapter: Part 3");
    expect(await page.getAttribute("#hostile .now", "aria-live")).toBe("polite");
    await pause(page, "hostile");
    await page.close();
  });

  it("highlights the spoken sentence, keeps it in view, seeks on a click, and names each line's speaker", async () => {
    const page = await open(episodePage("river"));
    await page.click('#river .cue[data-start="52.500"]');
    await settlesBetween(page, "river", 52.5, 54.5);
    await pause(page, "river");
    await page.waitForSelector('#river .cue.current[data-start="52.500"]');
    const inView = await js<boolean>(
      page,
      `(() => { const box = document.querySelector("#river .transcript").getBoundingClientRect();
        const cue = document.querySelector("#river .cue.current").getBoundingClientRect();
        return cue.top >= box.top && cue.bottom <= box.bottom; })()`,
    );
    expect(inView).toBe(true);
    expect(await js<number>(page, `document.querySelector("#river .transcript").scrollTop`)).toBeGreaterThan(
      0,
    );
    const speakers = await page.$$eval("#river .turn .speaker", (els) => els.map((e) => e.textContent));
    expect(speakers.slice(0, 3)).toEqual(["Maria Lopez:", "Dr. Sam Okafor:", "Maria Lopez:"]);
    await page.close();
  });

  it("follows Podlove deep links: #t=1:23 form, seconds, and a span that stops at its end", async () => {
    const page = await open(`${episodePage("river")}#t=0:20`);
    await settlesBetween(page, "river", 20, 23);
    await page.evaluate(`location.hash = "#t=25"`);
    await settlesBetween(page, "river", 25, 28);
    await page.evaluate(`location.hash = "#t=0:10,0:12"`);
    await until(page, `${audio("river")}.paused && ${audio("river")}.currentTime >= 12`);
    expect(await timeOf(page, "river")).toBeLessThan(13);
    // A chapter's link is a span of the same form.
    expect(await page.getAttribute('#river .chapters li[data-start="15.000"] a', "href")).toBe(
      "#t=00:00:15,00:00:30",
    );
    await page.close();

    await forget();
    const index = await open(`${onIndex()}#t=0:15`);
    // On the index the link applies to the newest episode, and only to it.
    expect(await page.url()).toBeTruthy();
    expect(await index.$$eval(".episode", (els) => els.map((e) => e.id))).toEqual(["hostile", "river"]);
    await settlesBetween(index, "hostile", 15, 18);
    expect(await timeOf(index, "river")).toBeLessThan(1);
    await pause(index, "hostile");
    await index.close();
  });

  it("shares the moment as a #t= link in the URL fragment", async () => {
    const page = await open(episodePage("river"));
    await page.locator("#river .seek").fill("42");
    await settlesBetween(page, "river", 41.9, 42.6);
    await page.click("#river .share");
    expect(await js<string>(page, "location.hash")).toBe("#t=0:42");
    expect(await page.textContent("#river .shared")).toBe(`${episodePage("river")}#t=0:42`);
    await page.close();
  });

  it("resumes each episode where the listener stopped (localStorage, per episode)", async () => {
    await forget();
    const page = await open(onIndex());
    await page.locator("#river .seek").fill("33");
    await settlesBetween(page, "river", 32.9, 33.6);
    await page.click("#river .play");
    await until(page, `${audio("river")}.currentTime > 33.5`);
    await page.click("#river .play");
    // The position is stored as the pause event is handled, just after the click returns.
    await until(page, `Number(localStorage.getItem("presscast:position:g-river")) > 33`);
    const stored = Number(await js<string>(page, `localStorage.getItem("presscast:position:g-river")`));
    expect(stored).toBeGreaterThan(33);
    expect(await js<string | null>(page, `localStorage.getItem("presscast:position:g-hostile")`)).toBeNull();
    expect(await timeOf(page, "hostile")).toBe(0);
    await page.reload();
    await settlesBetween(page, "river", stored - 0.2, stored + 0.6);
    expect(await timeOf(page, "hostile")).toBe(0);
    await page.close();
    const own = await open(episodePage("river"));
    await settlesBetween(own, "river", stored - 0.2, stored + 0.6);
    await own.evaluate(`localStorage.removeItem("presscast:position:g-river")`);
    await own.close();
  });

  it("works from the keyboard: space, arrows, j/k/l and < >, with the keys in a help line", async () => {
    await forget();
    const page = await open(episodePage("river"));
    expect(await page.textContent("#river .keys")).toMatch(/Space.*k.*j.*l/);
    await page.locator("#river .transcript").focus();
    await page.keyboard.press("l");
    await settlesBetween(page, "river", 30, 31);
    await page.keyboard.press("j");
    await settlesBetween(page, "river", 15, 16);
    await page.keyboard.press("ArrowRight");
    await settlesBetween(page, "river", 20, 21);
    await page.keyboard.press("ArrowLeft");
    await settlesBetween(page, "river", 15, 16);
    await page.keyboard.press(" ");
    await until(page, `!${audio("river")}.paused`);
    await page.keyboard.press("k");
    await until(page, `${audio("river")}.paused`);
    await page.keyboard.press(">");
    expect(await js<number>(page, `${audio("river")}.playbackRate`)).toBe(1.25);
    await page.keyboard.press("<");
    expect(await js<number>(page, `${audio("river")}.playbackRate`)).toBe(1);
    await page.close();
  });

  it("labels its controls for a screen reader", async () => {
    const page = await open(onIndex());
    for (const episode of ["hostile", "river"]) {
      expect(await page.getAttribute(`#${episode} .controls`, "role")).toBe("group");
      for (const control of [".play", ".back", ".forward", ".speed", ".seek"])
        expect(await page.getAttribute(`#${episode} ${control}`, "aria-label")).toBeTruthy();
      expect(await page.getAttribute(`#${episode} .now`, "role")).toBe("status");
    }
    expect(await page.getAttribute("#hostile .controls", "aria-label")).toBe(`Player: ${HOSTILE}`);
    await page.close();
  });

  it("uses dark colours under prefers-color-scheme: dark", async () => {
    const page = await open(onIndex());
    await page.emulateMedia({ colorScheme: "light" });
    const light = await js<string>(page, "getComputedStyle(document.body).backgroundColor");
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await js<string>(page, "getComputedStyle(document.body).backgroundColor");
    const text = await js<string>(page, "getComputedStyle(document.body).color");
    expect(light).toBe("rgb(251, 248, 243)");
    expect(dark).toBe("rgb(23, 22, 20)");
    expect(text).toBe("rgb(236, 231, 223)");
    await page.close();
  });

  it("has no horizontal scroll at 360 px, on the index and on an episode's page", async () => {
    for (const url of [onIndex(), episodePage("hostile")]) {
      const page = await open(url, { width: 360, height: 740 });
      expect(await js<number>(page, "document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
      await page.close();
    }
  });

  it("links each episode's own page and its downloads, which the server hands out", async () => {
    const page = await open(onIndex());
    expect(await page.getAttribute("#river h2 a", "href")).toBe("episodes/river.html");
    const links = await page.$$eval("#river .downloads a", (els) => els.map((e) => e.getAttribute("href")));
    expect(links).toEqual([
      "episodes/river.mp3",
      "episodes/river.vtt",
      "episodes/river.srt",
      "episodes/river.transcript.json",
      "episodes/river.chapters.json",
    ]);
    for (const link of links) expect((await fetch(new URL(link ?? "", server.url))).status).toBe(200);
    await page.close();
  });

  it("opened as files: chapter and transcript clicks seek, and a deep link on the index plays the newest", async () => {
    const page = await open(pathToFileURL(join(out, "index.html")).href);
    await page.click('#river .chapters button[data-start="45.000"]');
    await settlesBetween(page, "river", 45, 48);
    await page.click('#river .cue[data-start="2.500"]');
    await settlesBetween(page, "river", 2.5, 4.5);
    await pause(page, "river");
    await page.close();
    const linked = await open(`${pathToFileURL(join(out, "index.html")).href}#t=0:05`);
    await settlesBetween(linked, "hostile", 5, 8);
    await linked.close();
    const own = await open(`${pathToFileURL(join(out, "episodes", "river.html")).href}#t=50`);
    await settlesBetween(own, "river", 50, 53);
    await own.close();
    expect(dialogs).toEqual([]);
  });
});
