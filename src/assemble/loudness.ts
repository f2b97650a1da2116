/**
 * Loudness normalisation to -16 LUFS without reading the episode: every clip was levelled to
 * CLIP_LUFS and its peaks limited when it was made (level.ts), and the joined audio's loudness
 * follows from the clips' stored energies, so the encode pass needs one small linear gain.
 *
 * Why not loudnorm: its analysis resamples to 192 kHz (8.5–9 s per pass over 491 s of speech on
 * 2 cores), and a measured pass over the whole episode would have to wait for its last clip;
 * from clip measurements, a piece's gain is known as soon as its clips are.
 */
/** default: -16 LUFS, the common podcast target. */
export const TARGET_I = -16;
/**
 * LAME at 96 kbps (compression_level 7) takes 0.4–0.5 LU off speech (measured on the seed article:
 * -16.3 LUFS before encoding, -16.8 after); the gain makes that up. True peak stays ≤ -2 dBTP.
 */
export const MP3_LOSS_DB = 0.4;
/** True-peak ceiling after the gain: leaves room for the MP3 encoder's overshoot under -1.5 dBTP. */
const CEILING_DB = -2;
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
  /** True peak, dBFS. */
  tp: number;
}

export interface LoudnessPlan {
  /** The filter chain for the encode pass; it ends at 44.1 kHz. */
  filter: string;
  /** The joined audio's loudness and peak before the final gain. */
  input: Measurement;
  /** Linear gain of the safety limiter, when one was needed. */
  limit?: number;
  /** The gain applied in the encode pass, dB (0 for silence). */
  gainDb: number;
}

/** Arguments that read the joined PCM file. */
export function rawInput(rawPath: string, rate: number): string[] {
  return ["-f", "s16le", "-ar", String(rate), "-ac", "1", "-i", rawPath];
}

/** The chain that brings joined audio measured at `input` to -16 LUFS. */
export function planLoudness(input: Measurement, mp3 = true): LoudnessPlan {
  const resample = `aresample=${OUTPUT_RATE}`;
  if (!(input.i > SILENT_LUFS)) return { filter: resample, input, gainDb: 0 };
  const gain = rounded(TARGET_I - input.i + (mp3 ? MP3_LOSS_DB : 0));
  if (input.tp + gain <= CEILING_DB) return { filter: `${resample},${volume(gain)}`, input, gainDb: gain };
  // Levelled clips leave this unused; it guards clips levelled with their gain clamped.
  const limit = Math.min(1, Math.max(0.0625, 10 ** ((CEILING_DB - gain) / 20)));
  return { filter: `${resample},${limiter(OUTPUT_RATE, limit)},${volume(gain)}`, input, limit, gainDb: gain };
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
