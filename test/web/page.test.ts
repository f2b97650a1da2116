import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWebDocument } from "../../src/episode/read-web.js";
import { InputError } from "../../src/errors.js";
import { titleFromFile } from "../../src/ingest/ingest.js";
import { ingest } from "../../src/ingest/input.js";
import { segment } from "../../src/segment/segment.js";
import type { Script } from "../../src/types.js";
import type { FetchOptions } from "../../src/web/fetch.js";
import { pages, startServer, type TestServer } from "./server.js";

let server: TestServer;
let only: Omit<FetchOptions, "accept">;
beforeAll(async () => {
  server = await startServer();
  only = { policy: { allowHosts: [`127.0.0.1:${server.port}`] } };
});
afterAll(() => server.close());

const fromUrl = async (url: string) => segment(await readWebDocument(url, only));

/** Everything but where it came from. */
const body = (script: Script) => {
  const { source: _source, url: _url, ...meta } = script.meta;
  return { ...script, meta };
};

describe("a fetched page is read as the same page saved as a file", () => {
  for (const page of pages()) {
    it(`${page.path}: the same Script, with the URL as its source and link`, async () => {
      const file = segment(await ingest(page.file));
      // A page without a title of its own is named after the file, or after the URL.
      const untitled = file.meta.title === titleFromFile(page.file);
      for (const variant of ["", "/nocharset", "/gzip"]) {
        const url = `${server.url}${variant}${page.path}`;
        const script = await fromUrl(url);
        let got = body(script);
        if (untitled) {
          // The fallback title (and so the first chapter's) comes from the URL instead of the file name.
          const urlTitle = titleFromFile(page.path.split("/").pop() ?? "");
          expect(script.meta.title).toBe(urlTitle);
          got = JSON.parse(
            JSON.stringify(got).replaceAll(JSON.stringify(urlTitle), JSON.stringify(file.meta.title)),
          );
        }
        expect(got, url).toEqual(body(file));
        expect(script.meta.source).toBe(url);
        expect(script.meta.url).toBe(url);
      }
    });
  }

  it("behind redirects, the URL asked for is the source", async () => {
    const url = `${server.url}/redirect/3/seed`;
    const script = await fromUrl(url);
    expect(script.meta.source).toBe(url);
    expect(script.chapters.length).toBeGreaterThan(2);
  });

  it("decodes with the charset the server declares, else the page's own", async () => {
    for (const path of ["/latin1-header", "/latin1-meta"]) {
      const script = await fromUrl(`${server.url}${path}`);
      expect(script.meta.title, path).toBe("Café crème à Paris");
      expect(script.chapters[0]?.segments[0]?.text, path).toContain("très apprécié");
    }
  });

  it("fetches nothing the page links to and runs nothing from it", async () => {
    const before = server.requests.length;
    const script = await fromUrl(`${server.url}/with-assets`);
    expect(script.chapters.flatMap((c) => c.segments)).toHaveLength(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.requests.slice(before)).toEqual(["/with-assets"]);
  });

  it("a page with no article is refused, naming the URL", async () => {
    const url = `${server.url}/nav-only`;
    const error = await fromUrl(url).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toMatch(new RegExp(`^${url} has no article text to read \\(only [^.]+\\)\\.$`));
  });
});
