import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, WorkError } from "../../src/errors.js";
import { type FetchOptions, fetchResource } from "../../src/web/fetch.js";
import { freePort, page, pages, startServer, type TestServer } from "./server.js";

let server: TestServer;
let only: FetchOptions;
beforeAll(async () => {
  server = await startServer();
  only = { policy: { allowHosts: [`127.0.0.1:${server.port}`] }, accept: "page" };
});
afterAll(() => server.close());

const seed = () => page("/seed");

/** The error a fetch fails with (the test fails if it succeeds). */
async function failure(url: string, opts: Partial<FetchOptions> = {}): Promise<Error> {
  try {
    await fetchResource(url, { ...only, ...opts });
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${url} was fetched`);
}

describe("fetchResource", () => {
  it("fetches a page as the bytes the server sent, with its media type and charset", async () => {
    const first = page(pages()[0]?.path ?? "");
    const got = await fetchResource(`${server.url}${first.path}`, only);
    expect(Buffer.from(got.bytes).equals(readFileSync(first.file))).toBe(true);
    expect(got.mediaType).toBe("text/html");
    expect(got.charset).toBe("utf-8");
    expect(server.lastEcho).toBeUndefined();
  });

  it.each(["gzip", "br"])("decodes a %s body", async (mode) => {
    const got = await fetchResource(`${server.url}/${mode}/seed`, only);
    expect(Buffer.from(got.bytes).equals(readFileSync(seed().file))).toBe(true);
  });

  it("follows up to 5 redirects, and names where it ended", async () => {
    const got = await fetchResource(`${server.url}/redirect/5/seed`, only);
    expect(got.finalUrl).toBe(`${server.url}/seed`);
    expect(got.url).toBe(`${server.url}/redirect/5/seed`);
    const error = await failure(`${server.url}/redirect/6/seed`);
    expect(error).toBeInstanceOf(WorkError);
    expect(error.message).toMatch(/redirects more than 5 times/);
  });

  it("sends a User-Agent naming presscast, and --header only to the first URL's origin", async () => {
    const headers = { cookie: "session=secret", authorization: "Bearer t0ken" };
    await fetchResource(`${server.url}/echo`, { ...only, headers });
    expect(server.lastEcho?.["user-agent"]).toMatch(/^presscast\//);
    expect(server.lastEcho?.cookie).toBe("session=secret");
    expect(server.lastEcho?.authorization).toBe("Bearer t0ken");
    // localhost:<port> is the same server but another origin.
    const elsewhere = `http://localhost:${server.port}/echo`;
    await fetchResource(`${server.url}/to?url=${encodeURIComponent(elsewhere)}`, {
      ...only,
      headers,
      policy: { allowHosts: [`127.0.0.1:${server.port}`, `localhost:${server.port}`] },
    });
    expect(server.lastEcho?.host).toBe(`localhost:${server.port}`);
    expect(server.lastEcho?.cookie).toBeUndefined();
    expect(server.lastEcho?.authorization).toBeUndefined();
    // A feed's header belongs to the feed's site, not to an item's page elsewhere.
    await fetchResource(elsewhere, {
      ...only,
      headers,
      headerOrigin: server.url,
      policy: { allowHosts: [`localhost:${server.port}`] },
    });
    expect(server.lastEcho?.cookie).toBeUndefined();
  });

  it("stops a slow page at the total timeout", async () => {
    const error = await failure(`${server.url}/slow`, { timeoutMs: 1000 });
    expect(error).toBeInstanceOf(WorkError);
    expect(error.message).toBe(`${server.url}/slow did not finish within 1 s (timeout).`);
  });

  it("refuses a body over the limit, counted after decompression", async () => {
    for (const path of ["/big", "/bomb"]) {
      const error = await failure(`${server.url}${path}`);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        `${server.url}${path} is larger than 10 MB once decompressed, too large for an article.`,
      );
    }
  });

  it("names the HTTP status: 404 is a bad URL, 500 a failure", async () => {
    const missing = await failure(`${server.url}/status/404`);
    expect(missing).toBeInstanceOf(InputError);
    expect(missing.message).toBe(`${server.url}/status/404 answered HTTP 404 Not Found; check the URL.`);
    const broken = await failure(`${server.url}/redirect/1/status/500`);
    expect(broken).toBeInstanceOf(WorkError);
    expect(broken.message).toBe(
      `${server.url}/redirect/1/status/500 (redirected to ${server.url}/status/500) answered HTTP 500 Internal Server Error; try again later.`,
    );
  });

  it("refuses a response that is not a page", async () => {
    const error = await failure(`${server.url}/image.png`);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `${server.url}/image.png is image/png, not an HTML, XHTML or text page; presscast reads only those.`,
    );
  });

  it("refuses other schemes and malformed URLs", async () => {
    for (const [url, text] of [
      ["file:///etc/passwd", "file:///etc/passwd uses file:, and presscast fetches only http and https."],
      [
        "data:text/html,<p>hi</p>",
        "data:text/html,<p>hi</p> uses data:, and presscast fetches only http and https.",
      ],
      ["http://", "http:// is not a valid URL; give an address such as https://example.com/article."],
    ] as const) {
      const error = await failure(url);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(text);
    }
    const redirected = await failure(`${server.url}/to?url=file:///etc/passwd`);
    expect(redirected.message).toBe(
      `${server.url}/to?url=file:///etc/passwd redirects to file:///etc/passwd uses file:, and presscast fetches only http and https.`,
    );
  });

  it("names the network failure: unknown host, refused connection", async () => {
    const dns = await failure("http://no-such-host.invalid/article");
    expect(dns).toBeInstanceOf(InputError);
    expect(dns.message).toBe(
      "http://no-such-host.invalid/article names the host no-such-host.invalid, which DNS does not know; check the URL.",
    );
    const port = await freePort();
    const refused = await failure(`http://127.0.0.1:${port}/a`, { policy: { allowPrivate: true } });
    expect(refused).toBeInstanceOf(WorkError);
    expect(refused.message).toBe(
      `http://127.0.0.1:${port}/a refused the connection (nothing listens on 127.0.0.1:${port}).`,
    );
  });
});

describe("the address policy", () => {
  it("refuses loopback by default, by IP and by name, before any request is made", async () => {
    const before = server.requests.length;
    const direct = await failure(`${server.url}/seed`, { policy: {} });
    expect(direct).toBeInstanceOf(InputError);
    expect(direct.message).toBe(
      `${server.url}/seed is a loopback address (this machine), which presscast does not fetch by default; use --allow-host 127.0.0.1:${server.port} or --allow-private if it is meant.`,
    );
    const named = await failure(`http://localhost:${server.port}/seed`, { policy: {} });
    expect(named.message).toMatch(/^http:\/\/localhost:\d+\/seed resolves to (127\.0\.0\.1|::1), a loopback/);
    expect(server.requests.length).toBe(before);
  });

  it("fetches a private address with --allow-private", async () => {
    const got = await fetchResource(`http://localhost:${server.port}/seed`, {
      accept: "page",
      policy: { allowPrivate: true },
    });
    expect(got.bytes.length).toBeGreaterThan(1000);
  });

  it("--allow-host allows that host and port only: redirects to [::1], metadata or mapped addresses are refused", async () => {
    const other = await freePort();
    for (const [target, what] of [
      [`http://[::1]:${other}/`, "a loopback address"],
      ["http://169.254.169.254/latest/meta-data/", "a link-local address"],
      [
        `http://[::ffff:127.0.0.1]:${server.port}/seed`,
        "a loopback address (this machine) (inside an IPv6 address)",
      ],
      [`http://[::ffff:a9fe:a9fe]/`, "a link-local address"],
      ["http://10.0.0.1/", "a private network address"],
      ["http://100.64.0.1/", "a carrier-grade NAT address"],
      [`http://127.0.0.1:${other}/`, "a loopback address"],
    ] as const) {
      const error = await failure(`${server.url}/to?url=${encodeURIComponent(target)}`);
      expect(error, target).toBeInstanceOf(InputError);
      expect(error.message, target).toContain(`(redirected to ${new URL(target).href}) is ${what}`);
    }
  });
});
