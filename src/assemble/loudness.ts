/**
 * Two-pass loudness normalisation to -16 LUFS with ffmpeg's loudnorm.
 *
 * loudnorm is only a clean gain ("linear") when the measured true peak plus that gain stays under
 * the target peak; otherwise it silently switches to dynamic compression. TTS speech measures about
 * -22 LUFS with peaks near -5 dBTP (Flite), so +6 dB of gain would clip and linear mode would not
 * engage. A look-ahead limiter, run at 44.1 kHz (limiting at 16 kHz leaves inter-sample peaks
 * ~2 dB higher once resampled), first trims the rare peaks to a ceiling below the target, then
 * loudnorm is re-measured and applied linearly.
 */
import type { FfmpegRunner } from "./ffmpeg.js";

/** default: -16 LUFS, the common podcast target. */
export const TARGET_I = -16;
/** default: -1.5 dBTP. */
export const TARGET_TP = -1.5;
/** default: 11 LU; only matters if loudnorm falls back to dynamic mode. */
export const TARGET_LRA = 11;
/** Sample-peak ceiling after gain: leaves room for inter-sample peaks and MP3 overshoot under -1 dBTP. */
const CEILING_DB = -3;
export const OUTPUT_RATE = 44100;
/** The limiter's look-ahead delays its output by this many samples at 44.1 kHz; we trim them back off. */
const LIMITER_ATTACK_MS = 10;
const LIMITER_DELAY = (OUTPUT_RATE * LIMITER_ATTACK_MS) / 1000;

export interface Measurement {
  i: number;
  tp: number;
  lra: number;
  thresh: number;
}

export interface LoudnessPlan {
  /** The filter chain for the encode pass; it ends at 44.1 kHz. */
  filter: string;
  /** Pass-1 figures of the unprocessed audio. */
  input: Measurement;
  /** Linear gain of the limiter, when one was needed. */
  limit?: number;
}

/** Arguments that read the joined PCM file. */
export function rawInput(rawPath: string, rate: number): string[] {
  return ["-f", "s16le", "-ar", String(rate), "-ac", "1", "-i", rawPath];
}

/** Measures the joined PCM and returns the chain that brings it to -16 LUFS. */
export async function planLoudness(
  rawPath: string,
  rate: number,
  ffmpeg: FfmpegRunner,
): Promise<LoudnessPlan> {
  const resample = `aresample=${OUTPUT_RATE}`;
  const input = await measure(rawPath, rate, resample, ffmpeg);
  if (!Number.isFinite(input.i)) return { filter: resample, input };
  const gain = TARGET_I - input.i;
  if (input.tp + gain <= CEILING_DB) return { filter: `${resample},${apply(input)}`, input };
  const limit = Math.min(1, Math.max(0.0625, 10 ** ((CEILING_DB - gain) / 20)));
  const limiter =
    `${resample},apad=pad_len=${LIMITER_DELAY},` +
    `alimiter=limit=${limit.toFixed(5)}:level=0:attack=${LIMITER_ATTACK_MS},` +
    `atrim=start_sample=${LIMITER_DELAY},asetpts=N/SR/TB`;
  const limited = await measure(rawPath, rate, limiter, ffmpeg);
  return { filter: `${limiter},${apply(limited)}`, input, limit };
}

/** Which mode loudnorm used, from the JSON it prints at the end of the encode pass. */
export function normalizationType(stderr: string): string | undefined {
  return parseLoudnormJson(stderr)?.normalization_type;
}

function apply(m: Measurement): string {
  // Newer ffmpeg also falls back to dynamic mode when the measured range exceeds the target range.
  const lra = Math.min(20, Math.max(TARGET_LRA, Math.ceil(m.lra)));
  // ffmpeg 4.1 reads measured_LRA=0 as "not measured" and falls back to dynamic mode; steady
  // material (or a test tone) really measures 0, so pass a hair above it.
  const measuredLra = Math.max(m.lra, 0.01);
  return (
    `loudnorm=I=${TARGET_I}:TP=${TARGET_TP}:LRA=${lra}:measured_I=${m.i}:measured_TP=${m.tp}` +
    `:measured_LRA=${measuredLra}:measured_thresh=${m.thresh}:linear=true:print_format=json`
  );
}

async function measure(
  rawPath: string,
  rate: number,
  chain: string,
  ffmpeg: FfmpegRunner,
): Promise<Measurement> {
  const filter = `${chain},loudnorm=I=${TARGET_I}:TP=${TARGET_TP}:LRA=${TARGET_LRA}:print_format=json`;
  const { stderr } = await ffmpeg.run([...rawInput(rawPath, rate), "-af", filter, "-f", "null", "-"], {
    what: "measuring the episode's loudness",
  });
  const json = parseLoudnormJson(stderr);
  if (!json) return { i: Number.NaN, tp: Number.NaN, lra: 0, thresh: -70 };
  return {
    i: Number.parseFloat(json.input_i ?? ""),
    tp: Number.parseFloat(json.input_tp ?? ""),
    lra: Number.parseFloat(json.input_lra ?? "0") || 0,
    thresh: Number.parseFloat(json.input_thresh ?? "-70"),
  };
}

function parseLoudnormJson(stderr: string): Record<string, string> | undefined {
  const start = stderr.lastIndexOf("{");
  const end = stderr.lastIndexOf("}");
  if (start < 0 || end < start) return undefined;
  try {
    return JSON.parse(stderr.slice(start, end + 1)) as Record<string, string>;
  } catch {
    return undefined;
  }
}
