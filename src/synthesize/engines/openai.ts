/**
 * An OpenAI-compatible speech API (`POST {baseUrl}/v1/audio/speech`): OpenAI itself or a
 * local server speaking the same protocol. Polite by default: a requests-per-minute limit,
 * and 429/5xx answered with exponential backoff that honours Retry-After.
 * The API key is read from the environment at call time and never logged or quoted.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Audio } from "../../audio/types.js";
import { parsePcm16, parseWav } from "../../audio/wav.js";
import { InputError, WorkError } from "../../errors.js";
import type { Voice } from "../../types.js";
import { assertFits, type Engine, option, type VoiceInfo } from "../engine.js";

export const OPENAI = "openai";

/** Options for `loadEngine("openai", options)`; the per-call ones may also sit in `voice.options`. */
export interface OpenAiOptions {
  /** default: "https://api.openai.com" */
  baseUrl?: string;
  /** default: "tts-1" */
  model?: string;
  /** Name of the environment variable holding the key. default: "OPENAI_API_KEY" */
  apiKeyEnv?: string;
  /** "pcm" is raw 24 kHz int16. default: "wav" */
  responseFormat?: "wav" | "pcm";
  /** Per engine, not per voice. default: 50 */
  requestsPerMinute?: number;
  /** Further attempts after a 429, 5xx or network failure. default: 4 */
  maxRetries?: number;
  /** First backoff delay when the server gives no Retry-After; doubles each time. default: 1000 */
  backoffMs?: number;
  /** default: 2 */
  concurrency?: number;
  /** Voices to list; a server may accept others. default: OpenAI's built-in voices */
  voices?: string[];
}

const OPENAI_VOICES = ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer"];
const MAX_CHARS = 4096;
const PCM_RATE = 24_000;

/** Seconds or an HTTP date, as Retry-After allows; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The server's own words about an error, with the key blotted out should a server echo it. */
async function serverMessage(response: Response, key: string | undefined): Promise<string> {
  const body = await response.text().catch(() => "");
  let message = body;
  try {
    const json = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    message = (typeof json.error === "string" ? json.error : json.error?.message) ?? json.message ?? body;
  } catch {}
  message = message.replace(/\s+/g, " ").trim().slice(0, 200);
  return key ? message.split(key).join("***") : message;
}

/** Checks nothing over the network; the first call does. */
export async function createOpenAiEngine(options: OpenAiOptions = {}): Promise<Engine> {
  const base = options as Record<string, unknown>;
  const interval = 60_000 / Math.max(1, option([base], "requestsPerMinute", 50));
  let nextSlot = 0;

  /** Spaces request starts evenly, across all concurrent calls of this engine. */
  async function slot(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const start = Math.max(now, nextSlot);
    nextSlot = start + interval;
    if (start > now) await sleep(start - now, undefined, { signal });
  }

  return {
    name: OPENAI,
    maxChars: MAX_CHARS,
    concurrency: option([base], "concurrency", 2),
    async voices(): Promise<VoiceInfo[]> {
      return (options.voices ?? OPENAI_VOICES).map((id) => ({ id, language: "multilingual" }));
    },
    async synthesize(text: string, voice: Voice, signal?: AbortSignal): Promise<Audio> {
      assertFits(OPENAI, MAX_CHARS, text);
      const sources = [voice.options, base];
      const baseUrl = option(sources, "baseUrl", "https://api.openai.com").replace(/\/+$/, "");
      const keyName = option(sources, "apiKeyEnv", "OPENAI_API_KEY");
      const format = option<string>(sources, "responseFormat", "wav") === "pcm" ? "pcm" : "wav";
      const maxRetries = option(sources, "maxRetries", 4);
      const backoffMs = option(sources, "backoffMs", 1000);
      const key = process.env[keyName] || undefined;
      if (!key && new URL(baseUrl).hostname === "api.openai.com") {
        throw new InputError(
          `The openai engine needs an API key in the environment variable ${keyName}; set it or choose another engine.`,
        );
      }
      const body = JSON.stringify({
        model: option(sources, "model", "tts-1"),
        voice: voice.voice,
        input: text,
        response_format: format,
        ...(voice.rate !== undefined && voice.rate !== 1 ? { speed: voice.rate } : {}),
      });
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (key) headers.authorization = `Bearer ${key}`;
      const where = `The openai engine at ${baseUrl}`;

      for (let attempt = 0; ; attempt++) {
        await slot(signal);
        let response: Response;
        try {
          response = await fetch(`${baseUrl}/v1/audio/speech`, { method: "POST", headers, body, signal });
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          if (attempt >= maxRetries) {
            throw new WorkError(
              `${where} could not be reached after ${attempt + 1} attempts: ${(error as Error).message}.`,
            );
          }
          await sleep(backoffMs * 2 ** attempt, undefined, { signal });
          continue;
        }
        if (response.ok) {
          const bytes = new Uint8Array(await response.arrayBuffer());
          return format === "wav" ? parseWav(bytes, `${where}'s answer`) : parsePcm16(bytes, PCM_RATE);
        }
        const message = await serverMessage(response, key);
        const status = `HTTP ${response.status}${message ? `: ${message}` : ""}`;
        if (response.status === 401 || response.status === 403) {
          throw new InputError(
            `${where} refused the API key in ${keyName} (${status}); check the key and its permissions.`,
          );
        }
        if (response.status !== 429 && response.status < 500) {
          throw new InputError(
            `${where} rejected the request for voice "${voice.voice}" (${status}); check the voice and model.`,
          );
        }
        if (attempt >= maxRetries) {
          throw new WorkError(
            `${where} still failed after ${attempt + 1} attempts (${status}); try again later.`,
          );
        }
        const wait = retryAfterMs(response.headers.get("retry-after")) ?? backoffMs * 2 ** attempt;
        await sleep(Math.min(wait, 120_000), undefined, { signal });
      }
    },
  };
}
