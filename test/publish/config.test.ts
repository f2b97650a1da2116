import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { DEFAULT_CONFIG, loadPodcastConfig, parsePodcastConfig } from "../../src/publish/config.js";
import { podcastGuid, warnings } from "../../src/publish/links.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-config-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("podcast config", () => {
  it("needs nothing: no file gives the defaults, and the defaults warn about links and art", async () => {
    const config = await loadPodcastConfig(undefined, dir);
    expect(config).toEqual({ ...DEFAULT_CONFIG, owner: {} });
    const found = warnings(config);
    expect(found.some((w) => w.includes("no baseUrl") && w.includes("cannot fetch"))).toBe(true);
    expect(found.some((w) => w.includes("no image"))).toBe(true);
  });

  it("reads presscast.yaml from the folder, or the file --config names", async () => {
    await writeFile(join(dir, "presscast.yaml"), "title: Morning Desk\nexplicit: true\n");
    expect((await loadPodcastConfig(undefined, dir)).title).toBe("Morning Desk");
    await writeFile(join(dir, "other.yaml"), "owner:\n  name: Ed\n  email: ed@example.org\n");
    const other = await loadPodcastConfig("other.yaml", dir);
    expect(other.owner).toEqual({ name: "Ed", email: "ed@example.org" });
    await expect(loadPodcastConfig("missing.yaml", dir)).rejects.toThrow(/missing\.yaml does not exist/);
  });

  it("takes the show's intro and outro as templates, or false to leave them out", () => {
    const config = parsePodcastConfig('intro: "{title}, from Morning Desk."\noutro: false\n', "pod.yaml");
    expect([config.intro, config.outro]).toEqual(["{title}, from Morning Desk.", false]);
    expect(() => parsePodcastConfig("outro: [x]\n", "pod.yaml")).toThrow(/"outro" must be text, not a list/);
  });

  it("names the file and key for an unknown key, a wrong type, or bad YAML", () => {
    const bad = (text: string) => () => parsePodcastConfig(text, "pod.yaml");
    expect(bad("titel: x")).toThrow(InputError);
    expect(bad("titel: x")).toThrow(/^pod\.yaml: unknown key "titel"/);
    // The kind of value found, never the value: the file may not be what it seems.
    expect(bad("explicit: sometimes")).toThrow(/^pod\.yaml: "explicit" must be true or false, not text\.$/);
    expect(bad("title: [a, b]")).toThrow(/pod\.yaml: "title" must be text, not a list/);
    expect(bad("owner: { phone: 1 }")).toThrow(/unknown key "owner.phone"/);
    expect(bad("owner: { email: nobody }")).toThrow(/"owner.email" is not an e-mail address/);
    expect(bad("baseUrl: pod/cast")).toThrow(/"baseUrl" must be an absolute URL/);
    expect(bad("guid: 123")).toThrow(/"guid" must be a UUID/);
    expect(bad("title: x\n  - : [")).toThrow(/^pod\.yaml:\d+: not valid YAML/);
    expect(bad("- a\n- b")).toThrow(/must be a mapping/);
  });

  it("warns about links podcast apps on other devices cannot fetch", () => {
    const at = (baseUrl: string) =>
      warnings(parsePodcastConfig(`baseUrl: ${baseUrl}\nimage: cover.jpg`, "p.yaml"));
    expect(at("https://pod.example.org/")).toEqual([]);
    expect(at("http://localhost:8080/")[0]).toMatch(
      /baseUrl "http:\/\/localhost:8080\/" points at localhost/,
    );
    expect(at("http://127.0.0.1:8080/")[0]).toMatch(/only this machine can reach/);
    // A scheme other than http(s) is no longer a warning but an error at the edge.
    expect(() => at("file:///home/me/output/")).toThrow(
      /"baseUrl" must be an absolute URL \(http or https\)/,
    );
    expect(() => at("javascript:alert(1)//")).toThrow(/"baseUrl" must be an absolute URL \(http or https\)/);
    const image = warnings(
      parsePodcastConfig("baseUrl: https://a.example/\nimage: http://[::1]/c.jpg", "p.yaml"),
    );
    expect(image[0]).toMatch(/image .* only this machine/);
  });

  it("derives podcast:guid from the feed URL as the namespace spec does", () => {
    const guid = (feedUrl: string) => podcastGuid(parsePodcastConfig(`feedUrl: ${feedUrl}`, "p.yaml"));
    expect(guid("https://mp3s.nashownotes.com/pc20rss.xml")).toBe("917393e3-1b1e-5cef-ace4-edaa54e1f810");
    expect(guid("https://podnews.net/rss/")).toBe("9b024349-ccf0-5f69-a609-6b82873eab3c");
    expect(podcastGuid({ ...DEFAULT_CONFIG, baseUrl: "http://podnews.net/" })).not.toBe(
      podcastGuid({ ...DEFAULT_CONFIG }),
    );
    expect(podcastGuid({ ...DEFAULT_CONFIG, guid: "917393e3-1b1e-5cef-ace4-edaa54e1f810" })).toBe(
      "917393e3-1b1e-5cef-ace4-edaa54e1f810",
    );
  });
});
