/**
 * An episode's own art from its article's lead image: the centre square of the picture, scaled
 * to the size directories ask for (1400 to 3000 px) and encoded as an RGB JPEG under 512 KB.
 * A picture whose square would need more than doubling is not used: it would look soft.
 */
import { readFile } from "node:fs/promises";
import { MAX_BYTES, MAX_SIDE, MIN_SIDE } from "./cover.js";

/** The smallest square side that is still scaled up to 1400 px. */
const MIN_SOURCE_SIDE = MIN_SIDE / 2;

/**
 * The episode's art as JPEG bytes from `source`, or undefined (with a line in the log saying
 * why) when the picture cannot be used. The caller writes it beside the episode's audio.
 */
export async function episodeArt(source: string, log: (line: string) => void): Promise<Buffer | undefined> {
  const canvas = await import("@napi-rs/canvas");
  let image: Awaited<ReturnType<typeof canvas.loadImage>>;
  try {
    image = await canvas.loadImage(await readFile(source));
  } catch (error) {
    log(
      `${source}: the lead image cannot be read (${(error as Error).message}); the episode uses the show's cover.`,
    );
    return undefined;
  }
  const side = Math.min(image.width, image.height);
  if (side < MIN_SOURCE_SIDE) {
    log(
      `${source}: the lead image is ${image.width}×${image.height} px, too small for episode art; the episode uses the show's cover.`,
    );
    return undefined;
  }
  const out = Math.min(MAX_SIDE, Math.max(MIN_SIDE, side));
  const art = canvas.createCanvas(out, out);
  const ctx = art.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out, out);
  ctx.drawImage(image, (image.width - side) / 2, (image.height - side) / 2, side, side, 0, 0, out, out);
  for (const quality of [88, 80, 72, 64, 56]) {
    const jpeg = await art.encode("jpeg", quality);
    if (jpeg.length > MAX_BYTES) continue;
    return jpeg;
  }
  log(`${source}: the lead image stays over 512 KB as a JPEG; the episode uses the show's cover.`);
  return undefined;
}
