/** The audio shapes that pass between synthesize, the engines and the WAV code. */

/** Mono 16-bit PCM: the one audio shape every engine returns. */
export interface Audio {
  sampleRate: number;
  samples: Int16Array;
}

/** What an engine that writes its own WAV reports about the file. */
export interface WavFacts {
  sampleRate: number;
  /** Frames of audio in the file. */
  samples: number;
  /** Largest absolute sample, of 32767. */
  peak: number;
}
