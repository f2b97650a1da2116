import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { DEFAULT_CONFIG, type PodcastConfig } from "../../src/publish/config.js";
import { acceptableCover, imageFacts, MAX_BYTES, publishCover } from "../../src/publish/cover.js";
import { makeImage } from "./helpers.js";

const run = promisify(execFile);
const ffmpegPath = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;
const config = (over: Partial<PodcastConfig> = {}): PodcastConfig => ({
  ...DEFAULT_CONFIG,
  owner: {},
  ...over,
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-cover-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The image decoded by ffmpeg to 8-bit grey, one byte a pixel. */
async function grey(file: string): Promise<{ side: number; pixels: Buffer }> {
  const { stdout } = await run(
    ffmpegPath,
    ["-v", "error", "-i", file, "-f", "rawvideo", "-pix_fmt", "gray", "-"],
    {
      encoding: "buffer",
      maxBuffer: 1 << 25,
    },
  );
  return { side: Math.round(Math.sqrt(stdout.length)), pixels: stdout };
}

/** Share of dark (ink) pixels in rows [top, bottom) and columns [left, right). */
function ink(
  img: { side: number; pixels: Buffer },
  top: number,
  bottom: number,
  left = 0,
  right = img.side,
): number {
  let dark = 0;
  for (let y = top; y < bottom; y++)
    for (let x = left; x < right; x++) if ((img.pixels[y * img.side + x] ?? 255) < 100) dark++;
  return dark / ((bottom - top) * (right - left));
}

describe("the drawn cover", () => {
  it("is a square RGB JPEG of 1400 px under 512 KB with the title set inside its margins", async () => {
    const out = join(dir, "drawn");
    const title = "Why Cities Need Trees, and Other Long Reads from the Weekend Paper";
    const cover = await publishCover(out, config({ title }));
    expect(cover.href).toBe("cover.jpg");
    const bytes = await readFile(join(out, "cover.jpg"));
    expect(imageFacts(bytes)).toMatchObject({ type: "image/jpeg", width: 1400, height: 1400, rgb: true });
    expect(bytes.length).toBeLessThan(MAX_BYTES);
    const { stdout } = await run("ffprobe", [
      "-v",
      "error",
      "-show_streams",
      "-of",
      "json",
      cover.file ?? "",
    ]);
    const [stream] = (
      JSON.parse(stdout) as { streams: Array<{ width: number; height: number; codec_name: string }> }
    ).streams;
    expect(stream).toMatchObject({ width: 1400, height: 1400, codec_name: "mjpeg" });

    const img = await grey(cover.file ?? "");
    // Dark ink in the title band, none in the side margins (the title is wrapped, not cut off).
    expect(ink(img, 300, 900, 110, 1290)).toBeGreaterThan(0.08);
    expect(ink(img, 200, 1150, 0, 100)).toBe(0);
    expect(ink(img, 200, 1150, 1300, 1400)).toBe(0);
  });

  it("breaks a word too long for a line between letters rather than shrinking it to a speck", async () => {
    const cover = await publishCover(
      join(dir, "long"),
      config({ title: "Donaudampfschifffahrtsgesellschaftskapitänswitwe" }),
    );
    const img = await grey(cover.file ?? "");
    expect(ink(img, 250, 950, 110, 1290)).toBeGreaterThan(0.08);
    expect(ink(img, 200, 1150, 0, 100)).toBe(0);
    expect(ink(img, 200, 1150, 1300, 1400)).toBe(0);
  });

  it("is the same bytes for the same title and differs for another", async () => {
    const a = await publishCover(join(dir, "a"), config({ title: "Morning Reads" }));
    const b = await publishCover(join(dir, "b"), config({ title: "Morning Reads" }));
    const c = await publishCover(join(dir, "c"), config({ title: "Evening Reads" }));
    const [ba, bb, bc] = await Promise.all([a, b, c].map((x) => readFile(x.file ?? "")));
    expect(ba?.equals(bb as Buffer)).toBe(true);
    expect(ba?.equals(bc as Buffer)).toBe(false);
  });

  it("is drawn again only when the title or author it was drawn from changes", async () => {
    const out = join(dir, "again");
    const file = join(out, "cover.jpg");
    await publishCover(out, config({ title: "Morning Reads" }));
    const drawn = await readFile(file);
    // A cover from the same title is taken as it is, even with other pixels: nothing is redrawn.
    const touched = Buffer.from(drawn);
    touched[touched.length - 100] = (touched.at(-100) ?? 0) ^ 0xff;
    await writeFile(file, touched);
    await publishCover(out, config({ title: "Morning Reads" }));
    expect((await readFile(file)).equals(touched)).toBe(true);
    // Another author, another title: drawn again.
    await publishCover(out, config({ title: "Morning Reads", author: "The Desk" }));
    const byAuthor = await readFile(file);
    expect(byAuthor.equals(touched) || byAuthor.equals(drawn)).toBe(false);
    await publishCover(out, config({ title: "Morning Reads" }));
    expect((await readFile(file)).equals(drawn)).toBe(true);
    // A cover.jpg that says nothing of what it was drawn from (another program's) is drawn again.
    const { stdout: plain } = await run(
      ffmpegPath,
      ["-v", "error", "-i", file, "-map_metadata", "-1", "-f", "mjpeg", "-q:v", "2", "-"],
      { encoding: "buffer", maxBuffer: 1 << 25 },
    );
    await writeFile(file, plain);
    await publishCover(out, config({ title: "Morning Reads" }));
    expect((await readFile(file)).equals(drawn)).toBe(true);
  });
});

describe("a given cover", () => {
  it("is kept as it is when directories accept it", async () => {
    const file = join(dir, "good.jpg");
    await makeImage(file, 1500, 1500);
    const bytes = await readFile(file);
    expect(await acceptableCover(bytes, file)).toBe(bytes);
    const out = join(dir, "given");
    const cover = await publishCover(out, config(), file);
    expect(cover.href).toBe("artwork.jpg");
    expect((await readFile(join(out, "artwork.jpg"))).equals(bytes)).toBe(true);
    // A later build without --cover keeps it.
    expect((await publishCover(out, config())).href).toBe("artwork.jpg");
  });

  it("named in presscast.yaml is found beside the config when it is not under the output folder", async () => {
    const home = join(dir, "show");
    await makeImage(join(home, "art.png"), 1400, 1400).catch(async () => {
      await import("node:fs/promises").then((fs) => fs.mkdir(home, { recursive: true }));
      await makeImage(join(home, "art.png"), 1400, 1400);
    });
    const cover = await publishCover(
      join(home, "output"),
      config({ image: "art.png", file: join(home, "presscast.yaml") }),
    );
    expect(cover.href).toBe("artwork.png");
    expect(imageFacts(await readFile(join(home, "output", "artwork.png")))).toMatchObject({ width: 1400 });
  });

  it("is converted to an RGB JPEG of at most 3000 px when only its encoding is wrong", async () => {
    const big = join(dir, "big.png");
    await makeImage(big, 3200, 3200);
    const converted = await acceptableCover(await readFile(big), big);
    expect(imageFacts(converted)).toMatchObject({ type: "image/jpeg", width: 3000, height: 3000, rgb: true });

    const greyPng = join(dir, "grey.png");
    await run(
      ffmpegPath,
      ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:s=1400x1400", "-frames:v", "1"].concat([
        "-pix_fmt",
        "gray",
        greyPng,
      ]),
    );
    expect(imageFacts(await readFile(greyPng)).rgb).toBe(false);
    const fixed = await acceptableCover(await readFile(greyPng), greyPng);
    expect(imageFacts(fixed)).toMatchObject({ type: "image/jpeg", width: 1400, rgb: true });
    expect(fixed.length).toBeLessThanOrEqual(MAX_BYTES);
  });

  it("is refused with one sentence naming the file when not square, too small or not an image", async () => {
    const cases: Array<[string, (file: string) => Promise<void>, RegExp]> = [
      [
        "wide.jpg",
        (f) => makeImage(f, 1600, 900),
        /wide\.jpg is 1600×900 px; podcast cover art must be square/,
      ],
      ["small.png", (f) => makeImage(f, 800, 800), /small\.png is 800×800 px; .* at least 1400×1400/],
      ["text.jpg", (f) => writeFile(f, "not a picture"), /text\.jpg is not an image presscast can read/],
    ];
    for (const [name, make, message] of cases) {
      const file = join(dir, name);
      await make(file);
      const error = await publishCover(join(dir, "refused"), config(), file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.split(". ").length).toBe(1);
    }
    const missing = await publishCover(dir, config({ image: "nowhere.jpg" })).catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(/nowhere\.jpg cannot be read \(ENOENT\)/);
  });
});
