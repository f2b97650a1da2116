import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { decode } from "../assemble/helpers.js";
import { root } from "../e2e/helpers.js";

/**
 * presscast used as a library, the way another project would: a throwaway project that depends
 * on this package by path (linked into its node_modules as npm links a `file:` dependency),
 * imports it by its name, type-checks against the published declarations and runs the README's
 * example. Uses the compiled package (`npm test` compiles before the tests run).
 */
const run = promisify(execFile);
const project = mkdtempSync(join(tmpdir(), "presscast-user-"));
const node = (file: string) =>
  run(process.execPath, [file], {
    cwd: project,
    env: { ...process.env, PRESSCAST_CACHE_DIR: join(project, "cache") },
  });

beforeAll(() => {
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({
      name: "uses-presscast",
      private: true,
      type: "module",
      dependencies: { presscast: `file:${root}` },
    }),
  );
  mkdirSync(join(project, "node_modules"));
  symlinkSync(root, join(project, "node_modules", "presscast"), "dir");
});

describe("the presscast package", () => {
  it("is imported by its name: buildEpisodes, readScript and the rest of the API", async () => {
    writeFileSync(
      join(project, "names.mjs"),
      `import * as presscast from "presscast";\nconsole.log(JSON.stringify(Object.keys(presscast).sort()));\n`,
    );
    const names = JSON.parse((await node("names.mjs")).stdout) as string[];
    for (const name of [
      "buildEpisodes",
      "readScript",
      "rebuildFeed",
      "serve",
      "loadVoices",
      "loadEngine",
      "engineNames",
      "ENGINES",
      "InputError",
    ])
      expect(names).toContain(name);
  });

  it("hides its internals: a deep import is refused by the package's exports", async () => {
    writeFileSync(join(project, "deep.mjs"), `await import("presscast/dist/episode/build.js");\n`);
    const error = (await node("deep.mjs").catch((e: unknown) => e)) as { stderr: string };
    expect(error.stderr).toContain("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  it("type-checks a typed use against its declarations, and refuses a wrong one", async () => {
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["use.ts"],
      }),
    );
    const use = (body: string) =>
      writeFileSync(
        join(project, "use.ts"),
        `import { buildEpisodes, readScript, type Script, type BuildEpisodesOptions } from "presscast";\n${body}\n`,
      );
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    use(
      `const options: BuildEpisodesOptions = { inputs: ["a.md"], format: "m4a", bitrate: 64 };\n` +
        `export const title = async (): Promise<string> => { const s: Script = await readScript("a.md"); return s.meta.title; };\n` +
        `export const count = async () => (await buildEpisodes(options)).episodes.length;`,
    );
    await run(process.execPath, [tsc, "-p", project]);
    use(`export const wrong = () => buildEpisodes({ inputs: ["a.md"], format: "wav" });`);
    const error = (await run(process.execPath, [tsc, "-p", project]).catch((e: unknown) => e)) as {
      stdout: string;
    };
    expect(error.stdout).toMatch(/use\.ts\(\d+,\d+\): error TS2322: Type '"wav"' is not assignable/);
  }, 60_000);

  it("runs the README's example: an episode built from bytes, with audio a decoder plays", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Use it from code"));
    const example = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    if (!example) throw new Error("README has no example under 'Use it from code'");
    writeFileSync(join(project, "example.mjs"), example);
    const { stdout } = await node("example.mjs");
    expect(stdout).toContain("Why cities need trees [ 'narrator' ]");
    const [audio, seconds] = (stdout.trim().split("\n").at(-1) ?? "").split(" ");
    expect(audio).toBe("podcast/episodes/why-cities-need-trees.mp3");
    const pcm = await decode(join(project, audio ?? ""));
    expect(pcm.length / 44100).toBeGreaterThan(3);
    expect(Math.abs(pcm.length / 44100 - Number(seconds))).toBeLessThan(0.1);
    expect(readFileSync(join(project, "podcast", "feed.xml"), "utf8")).toContain("why-cities-need-trees.mp3");
  }, 120_000);
});
