/**
 * Two-pass loudness normalisation to -16 LUFS: measure, then one clean linear gain in the encode pass.
 *
 * Why not loudnorm: its analysis always resamples to 192 kHz, so one pass over 491 s of 16 kHz
 * speech took 8.5–9 s on this 2-core machine, and the old plan ran three (measure, re-measure after
 * the limiter, apply). loudnorm's linear mode applies exactly one gain, `target - measured`, which is
 * what `volume=` does here. ebur128 measures the same BS.1770 integrated loudness in 0.94 s at the
 * clip rate (its sample peak is free with it), so assembling now costs about one encode.
 *
 * TTS speech measures about -20 LUFS with sample peaks near -1.5 dBFS (Flite), so the +4 dB of gain
 * would clip: a look-ahead limiter, run at 44.1 kHz (limiting at 16 kHz leaves inter-sample peaks
 * ~2 dB higher once resampled), first trims the rare peaks to a ceiling below the target. It also
 * takes ~0.3 dB of loudness off, so the limited signal is measured once more (at the clip rate,
 * ~1 s) before the gain is set.
 */
import type { FfmpegRunner } from "../audio/ffmpeg.js";

/** default: -16 LUFS, the common podcast target. */
export const TARGET_I = -16;
/**
 * LAME at 96 kbps (compression_level 7) takes 0.4–0.5 LU off speech (measured on the seed article:
 * -16.3 LUFS before encoding, -16.8 after); the gain makes that up. True peak stays ≤ -2 dBTP.
 */
export const MP3_LOSS_DB = 0.4;
/** Sample-peak ceiling after gain: leaves room for inter-sample peaks and MP3 overshoot under -1 dBTP. */
const CEILING_DB = -3;
export const OUTPUT_RATE = 44100;
/** The limiter's look-ahead delays its output by this many samples; we trim them back off. */
const LIMITER_ATTACK_MS = 10;
/**
 * Gains are rounded to this step (at most 0.05 dB off the target). One edited sentence moves an
 * episode's loudness by a few hundredths of a LU; with the same rounded gain, every MP3 piece
 * whose audio did not change is reused instead of re-encoded (see pieces/pieces.ts).
 */
const GAIN_STEP_DB = 0.1;
/** Quieter than this (ebur128 reports -70 for silence) there is nothing to normalise. */
const SILENT_LUFS = -69;

export interface Measurement {
  /** Integrated loudness, LUFS. */
  i: number;
  /** Sample peak at the clip rate, dBFS (the ceiling leaves room for inter-sample peaks). */
  tp: number;
  /** Loudness range, LU. */
  lra: number;
  /** The relative gate, LUFS. */
  thresh: number;
}

export interface LoudnessPlan {
  /** The filter chain for the encode pass; it ends at 44.1 kHz. */
  filter: string;
  /** Pass-1 figures of the unprocessed audio. */
  input: Measurement;
  /** Linear gain of the limiter, when one was needed. */
  limit?: number;
  /** The gain applied after the limiter, dB (0 for silence). */
  gainDb: number;
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
  mp3 = true,
): Promise<LoudnessPlan> {
  const resample = `aresample=${OUTPUT_RATE}`;
  const input = await measure(rawPath, rate, "anull", ffmpeg);
  if (!(input.i > SILENT_LUFS)) return { filter: resample, input, gainDb: 0 };
  const makeUp = mp3 ? MP3_LOSS_DB : 0;
  const gain = rounded(TARGET_I - input.i + makeUp);
  if (input.tp + gain <= CEILING_DB) return { filter: `${resample},${volume(gain)}`, input, gainDb: gain };
  const limit = Math.min(1, Math.max(0.0625, 10 ** ((CEILING_DB - gain) / 20)));
  const limited = await measure(rawPath, rate, limiter(rate, limit), ffmpeg);
  const finalGain = Number.isFinite(limited.i) ? rounded(TARGET_I - limited.i + makeUp) : gain;
  return {
    filter: `${resample},${limiter(OUTPUT_RATE, limit)},${volume(finalGain)}`,
    input,
    limit,
    gainDb: finalGain,
  };
}

/** "linear" when the chain ends in one gain (what loudnorm's linear mode would report). */
export function normalizationType(filter: string): string | undefined {
  return /(^|,)volume=/.test(filter) ? "linear" : undefined;
}

function rounded(gainDb: number): number {
  return Math.round(gainDb / GAIN_STEP_DB) * GAIN_STEP_DB;
}

function volume(gainDb: number): string {
  // Float processing: the gain may take a sample past full scale before the encoder sees it.
  return `volume=${gainDb.toFixed(2)}dB:precision=float`;
}

/** The limiter with its look-ahead delay removed, so every sample keeps its time. */
function limiter(rate: number, limit: number): string {
  const delay = Math.round((rate * LIMITER_ATTACK_MS) / 1000);
  return (
    `apad=pad_len=${delay},alimiter=limit=${limit.toFixed(5)}:level=0:attack=${LIMITER_ATTACK_MS},` +
    `atrim=start_sample=${delay},asetpts=N/SR/TB`
  );
}

async function measure(
  rawPath: string,
  rate: number,
  chain: string,
  ffmpeg: FfmpegRunner,
): Promise<Measurement> {
  const filter = `${chain},ebur128=peak=sample:framelog=verbose`;
  const { stderr } = await ffmpeg.run([...rawInput(rawPath, rate), "-af", filter, "-f", "null", "-"], {
    what: "measuring the episode's loudness",
  });
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  const read = (label: string) => {
    const match = new RegExp(`${label}:\\s*(-?[\\d.]+|-?inf)`).exec(summary);
    return match ? Number.parseFloat((match[1] ?? "").replace("inf", "Infinity")) : Number.NaN;
  };
  return { i: read("I"), tp: read("Peak"), lra: read("LRA") || 0, thresh: read("Threshold") };
}
