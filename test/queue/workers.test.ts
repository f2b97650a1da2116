/**
 * The queue end to end, with every part real: a redis-server of the test's own, three
 * `presscast worker` processes sharing one output folder and one cache, ten articles and an
 * edition queued by `presscast enqueue`, one worker killed with SIGKILL in the middle of a job,
 * and a bad article that must fail with its reason kept. Then the feed, the MP3s and the output
 * folder are checked the way a listener and a podcast directory would see them.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presscast, type Run, toneProfile } from "../e2e/helpers.js";
import { hear } from "./episode-check.js";
import {
  hasRedis,
  type RedisServer,
  startPresscast,
  startRedis,
  stopWorker,
  type WorkerProcess,
} from "./harness.js";

const TOPICS = [
  "harbour",
  "orchard",
  "library",
  "railway",
  "glacier",
  "market",
  "bridge",
  "forest",
  "lighthouse",
  "vineyard",
];

function article(dir: string, n: number): string {
  const topic = TOPICS[n] ?? `topic ${n}`;
  const file = join(dir, `story-${n + 1}.md`);
  writeFileSync(
    file,
    `# The ${topic} at dawn\n\n## Arrival\n\nThe ${topic} wakes slowly. People arrive one by one and say hello.\n\n` +
      `## What was seen\n\nBy noon the ${topic} is busy. Story number ${n + 1} ends in the evening, quietly.\n`,
  );
  return file;
}

/** Every file or folder under `dir` whose name marks it as temporary or as a lock. */
function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((path) => {
    const name = path.split("/").pop() ?? "";
    return name.startsWith(".") || /\.(tmp|part|reserved|lock)$/.test(name) || name.includes(".staging.");
  });
}

describe.skipIf(!hasRedis && !process.env.PRESSCAST_CI)(
  "queue: three workers, one output folder",
  { timeout: 900_000 },
  () => {
    const work = mkdtempSync(join(tmpdir(), "presscast-queue-"));
    const articles = join(work, "articles");
    const output = join(work, "output");
    const cache = join(work, "cache");
    const tone = toneProfile(join(work, "tone.yaml"));
    let redis: RedisServer;
    let env: NodeJS.ProcessEnv;
    const workers: WorkerProcess[] = [];
    const printed: string[] = [];
    const run = async (args: string[]): Promise<Run> => {
      const result = await presscast(args, { cwd: work, env });
      printed.push(result.stdout, result.stderr);
      return result;
    };

    beforeAll(async () => {
      redis = await startRedis();
      env = { ...process.env, PRESSCAST_REDIS_URL: redis.url };
      mkdirSync(articles);
      for (let n = 0; n < 10; n++) article(articles, n);
      // A page with nothing to read: refused by the worker that takes it, once and for good.
      writeFileSync(
        join(articles, "empty.html"),
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
      );
      for (let n = 0; n < 3; n++) {
        const args = ["worker", "-o", output, "--cache-dir", cache, "--voices", tone, "--concurrency", "1"];
        workers.push(startPresscast(args, { cwd: work, env }));
      }
      await Promise.all(workers.map((worker) => worker.waitFor(/waiting for jobs/)));
    });

    afterAll(async () => {
      await Promise.all(workers.map(stopWorker));
      await redis?.stop();
      rmSync(work, { recursive: true, force: true });
    });

    let waited: Run;
    let editionId = "";
    let killedJob = "";

    it("builds every job, though one worker is killed with SIGKILL in the middle of one", async () => {
      const edition = await run([
        "enqueue",
        "articles/story-1.md",
        "articles/story-2.md",
        "--edition",
        "Morning edition",
        "--json",
      ]);
      expect(edition.code, edition.stderr).toBe(0);
      editionId = (JSON.parse(edition.stdout) as { jobs: Array<{ id: string }> }).jobs[0]?.id ?? "";
      const files = [
        ...Array.from({ length: 10 }, (_, n) => `articles/story-${n + 1}.md`),
        "articles/empty.html",
      ];
      const waiting = run(["enqueue", ...files, "--wait", "--json"]);
      const victim = workers[0] as WorkerProcess;
      const started = await victim.waitFor(/job (\d+): started articles\/story/);
      killedJob = /job (\d+)/.exec(started)?.[1] ?? "";
      // Well into the job: the article read, sentences being spoken.
      await new Promise((resolve) => setTimeout(resolve, 800));
      victim.child.kill("SIGKILL");
      expect(await victim.exited).toBeNull();
      waited = await waiting;
      // The bad article failed, so enqueue --wait says so; the ten were built.
      expect(waited.code, waited.stderr).toBe(1);
      const out = JSON.parse(waited.stdout) as {
        episodes: Array<{ job: string; title: string }>;
        failed: Array<{ job: string; inputs: string[]; error: string }>;
      };
      expect(out.episodes).toHaveLength(10);
      expect(out.episodes.map((e) => e.job)).toContain(killedJob);
      expect(out.failed).toHaveLength(1);
      expect(out.failed[0]?.inputs).toEqual(["articles/empty.html"]);
      expect(out.failed[0]?.error).toMatch(/articles\/empty\.html has no article text/);
      expect(waited.stderr).toMatch(/1 of 11 job\(s\) failed/);
    });

    it("lists the failed job with its reason, and the killed worker's job as done", async () => {
      let listing: {
        jobs: Array<{ id: string; state: string; inputs: string[]; error?: string; attempts: number }>;
      };
      // The edition may still be building on a surviving worker.
      for (let i = 0; ; i++) {
        const jobs = await run(["jobs", "--json"]);
        expect(jobs.code, jobs.stderr).toBe(0);
        listing = JSON.parse(jobs.stdout);
        if (listing.jobs.find((job) => job.id === editionId)?.state === "done") break;
        if (i > 120) throw new Error(`the edition was not built: ${jobs.stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      const failed = listing.jobs.filter((job) => job.state === "failed");
      expect(failed).toHaveLength(1);
      expect(failed[0]?.error).toMatch(/has no article text/);
      // Bad input is not tried again: one try, kept with its error.
      expect(failed[0]?.attempts).toBe(1);
      expect(listing.jobs.find((job) => job.id === killedJob)?.state).toBe("done");
      // Its lock ran out with its worker, and a surviving worker took it up from the start.
      const survivors = workers
        .slice(1)
        .map((worker) => worker.output())
        .join("\n");
      expect(survivors).toMatch(new RegExp(`job ${killedJob}: started`));
      expect(survivors).toMatch(new RegExp(`job ${killedJob}: published`));
      const plain = await run(["jobs"]);
      expect(plain.stdout).toMatch(/\tfailed\tepisode\tarticles\/empty\.html: .*has no article text/);
    });

    it("retries a failed job on --retry (it fails again, for the same reason) and refuses a done one", async () => {
      type Listing = { jobs: Array<{ id: string; state: string; error?: string; finished?: string }> };
      const list = async () => JSON.parse((await run(["jobs", "--json"])).stdout) as Listing;
      const listed = await list();
      const before = listed.jobs.find((job) => job.state === "failed");
      const failedId = before?.id ?? "";
      const retried = await run(["jobs", "--retry", failedId]);
      expect(retried.code, retried.stderr).toBe(0);
      expect(retried.stderr).toMatch(new RegExp(`job ${failedId} is waiting again`));
      for (let i = 0; ; i++) {
        const again = (await list()).jobs.find((job) => job.id === failedId);
        if (again?.state === "failed" && again.finished !== before?.finished) {
          expect(again.error).toMatch(/has no article text/);
          break;
        }
        if (i > 120) throw new Error(`job ${failedId} was not tried again: ${JSON.stringify(again)}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      const done = listed.jobs.find((job) => job.state === "done")?.id ?? "";
      const refused = await run(["jobs", "--retry", done]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(new RegExp(`Job ${done} has not failed \\(it is done\\)`));
    });

    it("puts every episode in the feed exactly once", () => {
      const feed = readFileSync(join(output, "feed.xml"), "utf8");
      const titles = [...feed.matchAll(/<item>[\s\S]*?<title>(?:<!\[CDATA\[)?([^<\]]*)/g)].map((m) => m[1]);
      const guids = [...feed.matchAll(/<guid[^>]*>([^<]+)<\/guid>/g)].map((m) => m[1]);
      expect(titles).toHaveLength(11);
      expect(new Set(guids).size).toBe(11);
      for (const topic of TOPICS) expect(titles.filter((t) => t === `The ${topic} at dawn`)).toHaveLength(1);
      expect(titles.filter((t) => t === "Morning edition")).toHaveLength(1);
      const manifests = readdirSync(join(output, "episodes")).filter((name) => /^[\w-]+\.json$/.test(name));
      expect(manifests).toHaveLength(11);
    });

    it("publishes whole MP3s: decoded end to end, as long as the manifest, its chapters, -16 LUFS", async () => {
      const manifests = readdirSync(join(output, "episodes")).filter((name) => /^[\w-]+\.json$/.test(name));
      for (const name of manifests) {
        const heard = await hear(join(output, "episodes", name));
        expect(heard.decodeErrors, name).toBe("");
        expect(Math.abs(heard.seconds - heard.manifest.durationSeconds), name).toBeLessThanOrEqual(0.05);
        expect(heard.chapters.map((c) => c.title)).toEqual(heard.manifest.chapters.map((c) => c.title));
        heard.chapters.forEach((chapter, k) => {
          expect(
            Math.abs(chapter.start - (heard.manifest.chapters[k]?.start ?? -1)),
            name,
          ).toBeLessThanOrEqual(0.01);
        });
        expect(Math.abs(heard.lufs + 16), name).toBeLessThanOrEqual(0.5);
        expect(heard.peak, name).toBeLessThanOrEqual(-1.5);
      }
    });

    it("leaves no temporary file or lock in the output folder", () => {
      expect(leftovers(output)).toEqual([]);
    });

    it("stops the surviving workers cleanly on SIGTERM, and never prints the Redis password", async () => {
      const codes = await Promise.all(workers.slice(1).map(stopWorker));
      expect(codes).toEqual([0, 0]);
      const everything = [...printed, ...workers.map((worker) => worker.output())].join("\n");
      expect(everything).toContain("redis://:***@127.0.0.1");
      expect(everything).not.toContain(redis.password);
    });
  },
);
