import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeWav } from "../../src/audio/wav.js";
import { InputError, WorkError } from "../../src/errors.js";
import type { Engine } from "../../src/synthesize/engine.js";
import { createFliteEngine } from "../../src/synthesize/engines/flite.js";
import { createOpenAiEngine } from "../../src/synthesize/engines/openai.js";
import { testEngine } from "./contract.js";
import { peak } from "./pitch.js";

const KEY = "sk-test-presscast-0123456789";
/** The server's voices, spoken by real flite voices so the audio is real speech. */
const VOICES: Record<string, string> = { alloy: "rms", nova: "slt" };

interface SpeechServer {
  url: string;
  requests: Array<{ auth?: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A local server speaking the OpenAI speech protocol, with a few scripted misbehaviours. */
async function startServer(flite: Engine): Promise<SpeechServer> {
  const requests: SpeechServer["requests"] = [];
  const seen = new Map<string, number>();
  const server: Server = createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    requests.push({ auth: request.headers.authorization, body });
    const input = String(body.input);
    const count = (seen.get(input) ?? 0) + 1;
    seen.set(input, count);
    const fail = (status: number, message: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify({ error: { message } }));
    };
    if (request.method !== "POST" || request.url !== "/v1/audio/speech") return fail(404, "Not found");
    if (request.headers.authorization !== `Bearer ${KEY}`) {
      return fail(401, `Incorrect API key provided: ${request.headers.authorization?.slice(7)}`);
    }
    const voice = VOICES[String(body.voice)];
    if (!voice) return fail(400, `Voice '${String(body.voice)}' is not supported`);
    if (input.includes("busy") && count === 1) return fail(429, "Rate limit reached", { "retry-after": "1" });
    if (input.includes("broken")) return fail(503, "Service unavailable");
    const audio = await flite.synthesize(input, { engine: "flite", voice });
    response.writeHead(200, { "content-type": "audio/wav" });
    response.end(writeWav(audio));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let flite: Engine;
let server: SpeechServer;
beforeAll(async () => {
  flite = await createFliteEngine({ threads: 1 });
  server = await startServer(flite);
  process.env.PRESSCAST_TEST_TTS_KEY = KEY;
});
afterAll(async () => {
  await server.close();
  await flite.close?.();
  delete process.env.PRESSCAST_TEST_TTS_KEY;
});

const options = () => ({
  baseUrl: server.url,
  apiKeyEnv: "PRESSCAST_TEST_TTS_KEY",
  backoffMs: 20,
  requestsPerMinute: 6000,
});

testEngine("openai", async () => ({
  engine: await createOpenAiEngine({ requestsPerMinute: 6000 }),
  voices: [
    { engine: "openai", voice: "alloy", options: options() },
    { engine: "openai", voice: "nova", options: options() },
  ],
}));

describe("openai engine", () => {
  it("sends the protocol's fields and the key as a bearer token", async () => {
    const engine = await createOpenAiEngine({ ...options(), model: "tts-test" });
    await engine.synthesize("Protocol check.", { engine: "openai", voice: "alloy", rate: 1.25 });
    expect(server.requests.at(-1)).toEqual({
      auth: `Bearer ${KEY}`,
      body: {
        model: "tts-test",
        voice: "alloy",
        input: "Protocol check.",
        response_format: "wav",
        speed: 1.25,
      },
    });
  });

  it("waits as Retry-After says after a 429, then succeeds", async () => {
    const engine = await createOpenAiEngine(options());
    const started = Date.now();
    const audio = await engine.synthesize("The server is busy right now.", {
      engine: "openai",
      voice: "nova",
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(peak(audio)).toBeGreaterThan(1000);
    expect(server.requests.filter((r) => r.body.input === "The server is busy right now.")).toHaveLength(2);
  });

  it("gives up on repeated 5xx with a WorkError after the set retries", async () => {
    const engine = await createOpenAiEngine({ ...options(), maxRetries: 2 });
    const before = server.requests.length;
    const error = await engine
      .synthesize("It is broken.", { engine: "openai", voice: "alloy" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkError);
    expect((error as Error).message).toMatch(/after 3 attempts \(HTTP 503: Service unavailable\)/);
    expect(server.requests.length - before).toBe(3);
  });

  it("explains a 401 without ever showing the key", async () => {
    process.env.PRESSCAST_WRONG_KEY = "sk-wrong-secret-987654";
    const engine = await createOpenAiEngine({ ...options(), apiKeyEnv: "PRESSCAST_WRONG_KEY" });
    const error = await engine
      .synthesize("Hello.", { engine: "openai", voice: "alloy" })
      .catch((e: unknown) => e);
    delete process.env.PRESSCAST_WRONG_KEY;
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toContain("refused the API key in PRESSCAST_WRONG_KEY (HTTP 401");
    expect(message).not.toContain("sk-wrong-secret-987654");
    expect(message).not.toContain(KEY);
  });

  it("needs a key for api.openai.com and spaces requests to the per-minute limit", async () => {
    const keyless = await createOpenAiEngine({ apiKeyEnv: "PRESSCAST_UNSET_KEY" });
    await expect(keyless.synthesize("Hi.", { engine: "openai", voice: "alloy" })).rejects.toThrow(
      /needs an API key in the environment variable PRESSCAST_UNSET_KEY/,
    );
    const limited = await createOpenAiEngine({ ...options(), requestsPerMinute: 120 });
    const started = Date.now();
    const voice = { engine: "openai", voice: "alloy" };
    await Promise.all(["One.", "Two.", "Three."].map((text) => limited.synthesize(text, voice)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});
