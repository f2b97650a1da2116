/**
 * The cover presscast draws when the show has none: a newspaper's audio edition — newsprint
 * paper, a masthead of rules, the show's title set large in Playfair Display (shipped as an npm
 * font package, so the cover looks the same on every machine) and a row of sound bars in red.
 * Drawn with @napi-rs/canvas (Skia); nothing is fetched.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";

/** Bumped when the drawing changes, so covers drawn before are drawn again. */
const DRAWING_VERSION = 1;

/** The side of the drawn cover in pixels: Apple's minimum, which keeps the APIC in each MP3 small. */
export const COVER_SIDE = 1400;

const PAPER = "#f3ede2";
const INK = "#1b1a18";
const RED = "#b0413e";
const MARGIN = 110;
const FAMILY = "Presscast Playfair";
/** Letters Playfair Display lacks (Greek, CJK, Arabic, …) fall back glyph by glyph to the system's serif. */
const FONT = `"${FAMILY}", serif`;

export interface CoverText {
  title: string;
  /** A short line under the title (the show's author), left out when long. */
  byline?: string;
}

type Canvas = typeof import("@napi-rs/canvas");
type Context = ReturnType<ReturnType<Canvas["createCanvas"]>["getContext"]>;

let fontsLoaded = false;

/**
 * What a drawn cover was drawn from, as a short hash; the JPEG carries it in a comment, so a
 * later build can tell that the cover on disk is current without loading the canvas.
 */
export function coverKey(text: CoverText): string {
  const inputs = { v: DRAWING_VERSION, title: text.title, byline: text.byline ?? null };
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex").slice(0, 32);
}

/** The key a cover drawn here carries, or undefined for any other image. */
export function drawnCoverKey(jpeg: Buffer): string | undefined {
  const comment = jpegComment(jpeg);
  return comment?.startsWith(COMMENT_PREFIX) ? comment.slice(COMMENT_PREFIX.length) : undefined;
}

const COMMENT_PREFIX = "presscast cover ";

/** The cover as JPEG bytes, with its key in a comment: the same text gives the same bytes. */
export async function drawCover(text: CoverText): Promise<Buffer> {
  return withComment(await drawImage(text), `${COMMENT_PREFIX}${coverKey(text)}`);
}

async function drawImage(text: CoverText): Promise<Buffer> {
  const canvas: Canvas = await import("@napi-rs/canvas");
  loadFonts(canvas);
  const side = COVER_SIDE;
  const image = canvas.createCanvas(side, side);
  const ctx = image.getContext("2d");
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, side, side);

  // Masthead: a heavy rule over a hairline, as above a newspaper's front page.
  ctx.fillStyle = INK;
  ctx.fillRect(MARGIN, MARGIN, side - 2 * MARGIN, 14);
  ctx.fillRect(MARGIN, MARGIN + 26, side - 2 * MARGIN, 3);

  const title = text.title.trim() || "presscast";
  // The title is centred in the box between the masthead and the byline.
  const box = { top: 250, height: 700 };
  const block = fitTitle(ctx, title, side - 2 * MARGIN, box.height);
  const top = box.top + (box.height - block.height) / 2;
  ctx.fillStyle = INK;
  ctx.textAlign = "center";
  ctx.textBaseline = "alphabetic";
  ctx.font = `700 ${block.size}px ${FONT}`;
  block.lines.forEach((line, i) => {
    ctx.fillText(line, side / 2, top + block.size * 0.8 + i * block.size * LINE_HEIGHT);
  });

  // Foot: hairline over heavy rule, closing the page; the sound bars sit between title and foot.
  const footY = side - MARGIN - 29;
  drawBars(ctx, side / 2, footY - 110, side - 2 * MARGIN);
  const byline = text.byline?.trim();
  if (byline && byline.length <= 48) {
    ctx.font = `italic 400 44px ${FONT}`;
    ctx.fillStyle = INK;
    ctx.fillText(byline, side / 2, footY - 215);
  }
  ctx.fillStyle = INK;
  ctx.fillRect(MARGIN, footY, side - 2 * MARGIN, 3);
  ctx.fillRect(MARGIN, footY + 15, side - 2 * MARGIN, 14);
  // JPEG: an RGB image (a canvas PNG would carry an alpha channel, which some directories refuse).
  return image.encode("jpeg", 92);
}

const LINE_HEIGHT = 1.08;

/**
 * The largest size (from 230 px down) at which the title fits the box in at most five lines,
 * breaking only between words; if none down to 110 px does, words are also broken between
 * letters (a very long word, or a script written without spaces).
 */
function fitTitle(
  ctx: Context,
  title: string,
  width: number,
  height: number,
): { size: number; lines: string[]; height: number } {
  let best = { size: 60, lines: [title], height: 60 };
  for (const [from, to, splitWords] of [
    [230, 110, false],
    [170, 60, true],
  ] as const) {
    for (let size = from; size >= to; size -= 6) {
      ctx.font = `700 ${size}px ${FONT}`;
      const measure = (s: string) => ctx.measureText(s).width;
      const lines = wrapWords(title, measure, width, splitWords);
      const total = size * (1 + (lines.length - 1) * LINE_HEIGHT);
      best = { size, lines, height: total };
      if (lines.length <= 5 && total <= height && lines.every((l) => measure(l) <= width)) return best;
    }
  }
  return best;
}

/** Greedy wrap by measured width; with `splitWords`, a word wider than the line is cut between letters. */
function wrapWords(
  text: string,
  measure: (s: string) => number,
  width: number,
  splitWords: boolean,
): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= width || (!line && !splitWords)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    if (measure(word) <= width || !splitWords) {
      line = word;
      continue;
    }
    for (const char of word) {
      if (line && measure(line + char) > width) {
        lines.push(line);
        line = "";
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A symmetric row of rounded bars, tallest in the middle: a still of a voice's waveform. */
function drawBars(ctx: Context, cx: number, cy: number, width: number): void {
  const count = 29;
  const gap = 14;
  const bar = (width * 0.62 - gap * (count - 1)) / count;
  const start = cx - (count * bar + (count - 1) * gap) / 2;
  ctx.fillStyle = RED;
  for (let i = 0; i < count; i++) {
    const d = Math.abs(i - (count - 1) / 2) / ((count - 1) / 2);
    const h = 18 + 110 * (1 - d) ** 1.6 * (0.55 + 0.45 * Math.abs(Math.sin(i * 1.7)));
    const x = start + i * (bar + gap);
    ctx.beginPath();
    ctx.roundRect(x, cy - h / 2, bar, h, bar / 2);
    ctx.fill();
  }
}

function loadFonts(canvas: Canvas): void {
  if (fontsLoaded) return;
  const require = createRequire(import.meta.url);
  const base = "@expo-google-fonts/playfair-display";
  canvas.GlobalFonts.registerFromPath(require.resolve(`${base}/700Bold/PlayfairDisplay_700Bold.ttf`), FAMILY);
  canvas.GlobalFonts.registerFromPath(
    require.resolve(`${base}/400Regular_Italic/PlayfairDisplay_400Regular_Italic.ttf`),
    FAMILY,
  );
  fontsLoaded = true;
}

/** The JPEG with a comment (COM) segment after its JFIF header, where readers expect one. */
function withComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(text, "latin1");
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.alloc(2), body]);
  segment.writeUInt16BE(body.length + 2, 2);
  // After SOI, and after the JFIF APP0 segment when there is one (it must come first).
  const at = jpeg[2] === 0xff && jpeg[3] === 0xe0 ? 4 + jpeg.readUInt16BE(4) : 2;
  return Buffer.concat([jpeg.subarray(0, at), segment, jpeg.subarray(at)]);
}

/** The first comment among a JPEG's header segments (before the image data), if any. */
function jpegComment(jpeg: Buffer): string | undefined {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1];
    if (marker === 0xda) return undefined; // start of scan: the header is over
    const length = jpeg.readUInt16BE(at + 2);
    if (marker === 0xfe) return jpeg.subarray(at + 4, at + 2 + length).toString("latin1");
    at += 2 + length;
  }
  return undefined;
}
