/**
 * The show's cover art, always present: a local image (presscast.yaml `image`, or `--cover`) is
 * checked against what podcast directories accept — square, 1400 to 3000 px, RGB JPEG or PNG,
 * under 512 KB — and converted when only its encoding is wrong, refused when its shape is; with
 * no image at all one is drawn from the show's title. The result lives in the output folder, so
 * the feed, the page and every episode's tags carry the same picture.
 */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { writeFileAtomic } from "../atomic.js";
import { InputError } from "../errors.js";
import { COVER_NAMES } from "../output/layout.js";
import type { PodcastConfig } from "./config.js";
import { coverKey, drawCover, drawnCoverKey } from "./cover-art.js";

export const MIN_SIDE = 1400;
export const MAX_SIDE = 3000;
export const MAX_BYTES = 512 * 1024;

const DRAWN_COVER = COVER_NAMES.drawn;
const GIVEN_COVER = COVER_NAMES.given;

export interface ShowCover {
  /** What the feed and page link: an absolute URL, or a path under the output folder. */
  href: string;
  /** The image on this machine, for the episodes' tags; none for a remote image. */
  file?: string;
}

/** Facts about an image read from its bytes. */
export interface ImageFacts {
  type: "image/jpeg" | "image/png" | "other";
  width: number;
  height: number;
  /** False for grey, palette, CMYK or transparent images, which some directories refuse. */
  rgb: boolean;
  bytes: number;
}

/**
 * Decide the show's cover for `outputDir` and write it there when it is drawn or converted.
 * `given` (from `--cover`, relative to the working folder) wins over the config's `image`
 * (relative to the output folder); a cover given once stays until another is given.
 */
export async function publishCover(
  outputDir: string,
  config: PodcastConfig,
  given?: string,
): Promise<ShowCover> {
  if (given) return publishGiven(outputDir, resolve(given), given);
  if (config.image && /^[a-z][a-z0-9+.-]*:/i.test(config.image)) return { href: config.image };
  if (config.image) return publishGiven(outputDir, localImage(outputDir, config), config.image);
  const kept = keptCover(outputDir);
  if (kept) return kept;
  const text = { title: config.title, ...(config.author ? { byline: config.author } : {}) };
  const file = join(outputDir, DRAWN_COVER);
  const old = await readFile(file).catch(() => undefined);
  // A cover drawn from the same title and author is current: the canvas and its fonts need not load.
  if (old && drawnCoverKey(old) === coverKey(text)) return { href: DRAWN_COVER, file };
  const jpeg = await drawCover(text);
  if (!old?.equals(jpeg)) await writeFileAtomic(file, jpeg);
  return { href: DRAWN_COVER, file };
}

/**
 * The config's local image: a path under the output folder, else beside the config file (where
 * a user who keeps the art next to presscast.yaml expects it). The first that exists is used.
 */
function localImage(outputDir: string, config: PodcastConfig): string {
  const image = config.image ?? "";
  const inOutput = resolve(outputDir, image);
  const besideConfig = config.file ? resolve(dirname(config.file), image) : undefined;
  return !existsSync(inOutput) && besideConfig && existsSync(besideConfig) ? besideConfig : inOutput;
}

/**
 * The cover already in the output folder, without writing anything (for `serve`): a remote
 * image, a given cover kept from an earlier build, or the drawn one.
 */
export function existingCover(outputDir: string, config: PodcastConfig): ShowCover | undefined {
  if (config.image && /^[a-z][a-z0-9+.-]*:/i.test(config.image)) return { href: config.image };
  if (config.image && existsSync(resolve(outputDir, config.image)))
    return { href: config.image, file: resolve(outputDir, config.image) };
  const kept = keptCover(outputDir);
  if (kept) return kept;
  const drawn = join(outputDir, DRAWN_COVER);
  return existsSync(drawn) ? { href: DRAWN_COVER, file: drawn } : undefined;
}

function keptCover(outputDir: string): ShowCover | undefined {
  for (const ext of ["jpg", "png"]) {
    const file = join(outputDir, `${GIVEN_COVER}.${ext}`);
    if (existsSync(file)) return { href: `${GIVEN_COVER}.${ext}`, file };
  }
  return undefined;
}

async function publishGiven(outputDir: string, file: string, named: string): Promise<ShowCover> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError(`Cover image ${named} cannot be read (${code}); check the path.`);
  }
  const ready = await acceptableCover(bytes, named);
  const ext = imageFacts(ready).type === "image/png" ? "png" : "jpg";
  const out = join(outputDir, `${GIVEN_COVER}.${ext}`);
  if (resolve(out) !== file) {
    const old = await readFile(out).catch(() => undefined);
    if (!old?.equals(ready)) await writeFileAtomic(out, ready);
    const other = join(outputDir, `${GIVEN_COVER}.${ext === "png" ? "jpg" : "png"}`);
    await rm(other, { force: true });
  }
  return { href: `${GIVEN_COVER}.${ext}`, file: out };
}

/**
 * The image as directories accept it: returned unchanged when it already is, re-encoded as JPEG
 * (and scaled down to 3000 px) when only its format, colours, size or file size are wrong.
 * Throws InputError naming the file when it is not square, too small, or not an image.
 */
export async function acceptableCover(bytes: Buffer, named: string): Promise<Buffer> {
  const canvas = await import("@napi-rs/canvas");
  let image: Awaited<ReturnType<typeof canvas.loadImage>>;
  try {
    image = await canvas.loadImage(bytes);
  } catch {
    throw new InputError(`Cover image ${named} is not an image presscast can read; use a JPEG or PNG.`);
  }
  const { width, height } = image;
  if (width !== height) {
    throw new InputError(
      `Cover image ${named} is ${width}×${height} px; podcast cover art must be square (crop it to ${Math.min(width, height)}×${Math.min(width, height)}).`,
    );
  }
  if (width < MIN_SIDE) {
    throw new InputError(
      `Cover image ${named} is ${width}×${height} px; podcast directories need at least ${MIN_SIDE}×${MIN_SIDE}.`,
    );
  }
  const facts = imageFacts(bytes);
  if (facts.type !== "other" && facts.rgb && width <= MAX_SIDE && bytes.length <= MAX_BYTES) return bytes;
  const side = Math.min(width, MAX_SIDE);
  const out = canvas.createCanvas(side, side);
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff"; // transparency becomes white: JPEG has none, and apps show it on white
  ctx.fillRect(0, 0, side, side);
  ctx.drawImage(image, 0, 0, side, side);
  for (const quality of [90, 82, 74, 66, 58, 50]) {
    const jpeg = await out.encode("jpeg", quality);
    if (jpeg.length <= MAX_BYTES) return jpeg;
  }
  throw new InputError(
    `Cover image ${named} stays over ${MAX_BYTES / 1024} KB even as a JPEG at quality 50; simplify or shrink it.`,
  );
}

/** Type, size and colour model of a JPEG or PNG from its headers. */
export function imageFacts(bytes: Buffer): ImageFacts {
  const facts: ImageFacts = { type: "other", width: 0, height: 0, rgb: false, bytes: bytes.length };
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    // IHDR: width, height, bit depth, colour type (2 = RGB; 6 = RGB with alpha).
    return {
      ...facts,
      type: "image/png",
      width: bytes.readUInt32BE(16),
      height: bytes.readUInt32BE(20),
      rgb: bytes[25] === 2,
    };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1] ?? 0;
      const length = bytes.readUInt16BE(at + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): height, width, components.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = bytes.readUInt16BE(at + 5);
        const width = bytes.readUInt16BE(at + 7);
        return { ...facts, type: "image/jpeg", width, height, rgb: bytes[at + 9] === 3 };
      }
      at += 2 + length;
    }
    return { ...facts, type: "image/jpeg" };
  }
  return facts;
}
