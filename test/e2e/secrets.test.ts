import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeWav } from "../../src/audio/wav.js";
import { presscast } from "./helpers.js";

/**
 * Secrets: an API key comes from the environment only and appears in no log, manifest,
 * feed, transcript or error — tested with the `openai` engine against a local server that speaks
 * the OpenAI speech protocol and answers with real WAV audio (a voiced tone per request).
 */
const work = mkdtempSync(join(tmpdir(), "presscast-secrets-"));
const KEY = "sk-presscast-secret-9f8e7d6c5b4a";
let server: Server;
let url = "";

function tone(text: string, hz: number): Buffer {
  const sampleRate = 24000;
  const samples = new Int16Array(Math.round(sampleRate * (0.3 + text.length * 0.03)));
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / sampleRate));
  return writeWav({ sampleRate, samples });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (c: Buffer) => {
      body += c.toString();
    });
    request.on("end", () => {
      if (request.headers.authorization !== `Bearer ${KEY}`) {
        // Like some real servers, echo what it was given: the engine must not pass it on.
        response.writeHead(401, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ error: { message: `Incorrect API key: ${request.headers.authorization}` } }),
        );
        return;
      }
      const { input, voice } = JSON.parse(body) as { input: string; voice: string };
      response.writeHead(200, { "content-type": "audio/wav" });
      response.end(tone(input, voice === "echo" ? 120 : 220));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const profile = () => {
  const file = join(work, "openai.yaml");
  writeFileSync(
    file,
    `engines:\n  openai: { baseUrl: ${url}, model: tts-1, apiKeyEnv: PRESSCAST_TEST_KEY }\n` +
      "roles:\n  narrator: { engine: openai, voice: alloy }\n  host: { engine: openai, voice: echo }\n  guest: { engine: openai, voice: fable }\n",
  );
  return file;
};
const article = join(work, "a.txt");
writeFileSync(article, "A title for the key test\n\nOne sentence here. And another one there.\n");

async function build(output: string, key: string) {
  const args = ["build", article, "-o", output, "--voices", profile(), "--json", "--verbose"];
  return presscast([...args, "--cache-dir", join(work, `cache-${key.length}`)], {
    cwd: work,
    env: { ...process.env, PRESSCAST_TEST_KEY: key },
  });
}

const everything = (dir: string): string =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString("latin1"))
    .join("\n");

describe("an API key", () => {
  it("reaches the server but no log, manifest, feed, transcript or cache", async () => {
    const output = join(work, "ok");
    const result = await build(output, KEY);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(KEY);
    expect(everything(output)).not.toContain(KEY);
    expect(everything(join(work, `cache-${KEY.length}`))).not.toContain(KEY);
  });

  it("is not quoted in the error when the server refuses it and echoes it back", async () => {
    const wrong = "sk-presscast-wrong-key-000111";
    const result = await build(join(work, "refused"), wrong);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/openai.*(401|refused|key)/i);
    expect(result.stderr).not.toContain(wrong);
  });
});
