import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/publish/config.js";
import { writeFeed } from "../../src/publish/publish.js";
import { type RunningServer, serve } from "../../src/serve/serve.js";
import { writeEpisode } from "../publish/helpers.js";

interface CannonResult {
  requests: { total: number; average: number };
  latency: { p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  duration: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

let out: string;
let server: RunningServer;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "presscast-load-"));
  await writeEpisode(out, { slug: "one", guid: "g1" }, 3);
  await writeEpisode(out, { slug: "two", guid: "g2", published: "2024-03-02T00:00:00Z" }, 3);
  await writeFeed(out, { ...DEFAULT_CONFIG, owner: {} }, { now: new Date(), log: () => {} });
  server = await serve(out, { port: 0, log: () => {} });
});
afterAll(async () => {
  await server?.close();
  await rm(out, { recursive: true, force: true });
});

it("serves 2,000 requests at 50 concurrent (live feed and ranged audio) with no errors", async () => {
  const result = await autocannon({
    url: server.url,
    connections: 50,
    amount: 2000,
    timeout: 10,
    requests: [
      { method: "GET", path: "/feed.xml" },
      { method: "GET", path: "/episodes/one.mp3", headers: { range: "bytes=1000-9999" } },
      { method: "GET", path: "/episodes/two.mp3", headers: { range: "bytes=-4096" } },
      { method: "GET", path: "/episodes/one.chapters.json" },
    ],
  });
  console.log(
    `load: ${result.requests.total} requests in ${result.duration} s, ${Math.round(result.requests.average)} req/s,` +
      ` latency avg ${result.latency.average} ms p99 ${result.latency.p99} ms`,
  );
  expect(result.requests.total).toBeGreaterThanOrEqual(2000);
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(result.non2xx).toBe(0);
  expect(result["2xx"]).toBeGreaterThanOrEqual(2000);
});
