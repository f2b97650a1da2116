import type { Encoder } from "./encoder.js";
import { m4aEncoder } from "./m4a.js";
import { mp3Encoder } from "./mp3.js";

/** The output formats presscast writes, by file extension. */
export const ENCODERS = { mp3: mp3Encoder, m4a: m4aEncoder } satisfies Record<string, Encoder>;

export type AudioFormat = keyof typeof ENCODERS;
