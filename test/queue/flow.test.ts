/**
 * A long article shared between workers, and a worker told to stop. The article's sentences are
 * spoken by `speak` jobs on both workers (a BullMQ flow under its episode job), and the episode
 * must then be the one `build` makes: same chapters and times, loudness, duration. A worker sent
 * SIGTERM in the middle of a job hands it back and exits 0; another worker finishes it.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presscast, root, toneProfile } from "../e2e/helpers.js";
import { hear } from "./episode-check.js";
import { hasRedis, type RedisServer, startPresscast, startRedis, stopWorker } from "./harness.js";

const manifestIn = (output: string) =>
  join(
    output,
    "episodes",
    readdirSync(join(output, "episodes")).find((n) => /^[\w-]+\.json$/.test(n)) ?? "none",
  );

describe.skipIf(!hasRedis && !process.env.PRESSCAST_CI)(
  "queue: a long article, a stopped worker",
  { timeout: 900_000 },
  () => {
    const work = mkdtempSync(join(tmpdir(), "presscast-flow-"));
    const tone = toneProfile(join(work, "tone.yaml"));
    let redis: RedisServer;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      redis = await startRedis();
      env = { ...process.env, PRESSCAST_REDIS_URL: redis.url };
      copyFileSync(join(root, "examples", "csto-interview.txt"), join(work, "interview.txt"));
    });
    afterAll(async () => {
      await redis?.stop();
      rmSync(work, { recursive: true, force: true });
    });

    it("speaks a long article on both workers and publishes the episode `build` makes", async () => {
      const output = join(work, "queued");
      const args = ["worker", "-o", output, "--cache-dir", join(work, "cache-q"), "--voices", tone];
      const workers = [0, 1].map(() =>
        startPresscast([...args, "--concurrency", "1", "--chunk", "600"], { cwd: work, env }),
      );
      try {
        await Promise.all(workers.map((worker) => worker.waitFor(/waiting for jobs/)));
        const queued = await presscast(["enqueue", "interview.txt", "--wait", "--json"], { cwd: work, env });
        expect(queued.code, queued.stderr).toBe(0);
      } finally {
        await Promise.all(workers.map(stopWorker));
      }
      const logs = workers.map((worker) => worker.output());
      expect(logs.join("\n")).toMatch(/job \d+: \d+ speak jobs queued/);
      // Both workers spoke a share of it.
      for (const log of logs) expect(log).toMatch(/job \d+-speak-\d+-of-\d+: spoke [1-9]\d* sentences/);

      const built = join(work, "built");
      const direct = await presscast(
        [
          "build",
          "interview.txt",
          "-o",
          built,
          "--cache-dir",
          join(work, "cache-b"),
          "--voices",
          tone,
          "--concurrency",
          "1",
        ],
        { cwd: work },
      );
      expect(direct.code, direct.stderr).toBe(0);
      const [viaQueue, viaBuild] = await Promise.all([hear(manifestIn(output)), hear(manifestIn(built))]);
      expect(viaQueue.decodeErrors).toBe("");
      expect(viaQueue.manifest.guid).toBe(viaBuild.manifest.guid);
      expect(viaQueue.chapters.map((c) => c.title)).toEqual(viaBuild.chapters.map((c) => c.title));
      viaQueue.chapters.forEach((chapter, k) => {
        expect(Math.abs(chapter.start - (viaBuild.chapters[k]?.start ?? -1))).toBeLessThanOrEqual(0.01);
        expect(Math.abs(chapter.end - (viaBuild.chapters[k]?.end ?? -1))).toBeLessThanOrEqual(0.01);
      });
      expect(Math.abs(viaQueue.seconds - viaBuild.seconds)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(viaQueue.lufs - viaBuild.lufs)).toBeLessThanOrEqual(0.2);
    });

    it("hands a job back on SIGTERM, exits 0, and another worker finishes it", async () => {
      const output = join(work, "stopped");
      const args = [
        "worker",
        "-o",
        output,
        "--cache-dir",
        join(work, "cache-s"),
        "--voices",
        tone,
        "--concurrency",
        "1",
      ];
      const first = startPresscast(args, { cwd: work, env });
      await first.waitFor(/waiting for jobs/);
      const queued = await presscast(["enqueue", "interview.txt", "--json"], { cwd: work, env });
      expect(queued.code, queued.stderr).toBe(0);
      const id = (JSON.parse(queued.stdout) as { jobs: Array<{ id: string }> }).jobs[0]?.id;
      await first.waitFor(new RegExp(`job ${id}: started`));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const t0 = Date.now();
      expect(await stopWorker(first)).toBe(0);
      expect(Date.now() - t0).toBeLessThan(20_000);
      expect(first.output()).toMatch(new RegExp(`job ${id}: returned to the queue`));
      const listed = await presscast(["jobs", "--json"], { cwd: work, env });
      const jobs = (JSON.parse(listed.stdout) as { jobs: Array<{ id: string; state: string }> }).jobs;
      expect(jobs.find((job) => job.id === id)?.state).toBe("waiting");
      // Nothing of the stopped build is left in the output folder, the lock included.
      const names = readdirSync(output, { recursive: true, encoding: "utf8" });
      expect(names.filter((name) => /(^|\/)\.|\.mp3$/.test(name))).toEqual([]);

      const second = startPresscast(args, { cwd: work, env });
      try {
        await second.waitFor(new RegExp(`job ${id}: published`), 300_000);
      } finally {
        expect(await stopWorker(second)).toBe(0);
      }
      const heard = await hear(manifestIn(output));
      expect(heard.decodeErrors).toBe("");
      expect(Math.abs(heard.seconds - heard.manifest.durationSeconds)).toBeLessThanOrEqual(0.05);
    });

    it("says what is wrong with a Redis address, never showing its password", async () => {
      const closed = redis.url.replace(/:(\d+)$/, ":1");
      const unreachable = await presscast(["jobs", "--redis", closed], { cwd: work });
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toMatch(/Cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(/);
      const wrong = redis.url.replace(redis.password, "not-the-password");
      const refused = await presscast(["enqueue", "interview.txt", "--redis", wrong], { cwd: work });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/refused the password/);
      const missing = await presscast(["worker"], {
        cwd: work,
        env: { ...process.env, PRESSCAST_REDIS_URL: "" },
      });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/Give the Redis address with --redis/);
      const notFile = await presscast(["enqueue", "nowhere.md"], { cwd: work, env });
      expect(notFile.code).toBe(2);
      expect(notFile.stderr).toMatch(/nowhere\.md does not exist/);
      for (const run of [unreachable, refused, missing, notFile])
        expect(run.stdout + run.stderr).not.toMatch(/not-the-password|pw-[a-z0-9]+-secret/);
    });
  },
);
