/**
 * The source of an eSpeak NG child process (see worker-pool.ts; a string run with `node -e`, so
 * it works from src/ and dist/ alike). Each process loads its own Emscripten instance once and
 * answers two requests: list the voices and variants, or synthesize one text.
 */
export const ESPEAK_WORKER_SOURCE = `
let loading;

function load() {
  loading ??= (async () => {
    const { default: initialize } = await import(workerData.url);
    const module = await initialize();
    return { module, speaker: new module.eSpeakNGWorker() };
  })();
  return loading;
}

function listVoices(module, speaker) {
  const voices = speaker.list_voices().map((voice) => ({
    identifier: voice.identifier,
    name: voice.name,
    languages: voice.languages.map((language) => language.name),
  }));
  let variants = [];
  try {
    variants = module.FS.readdir("/usr/share/espeak-ng-data/voices/!v").filter((name) => !name.startsWith("."));
  } catch {}
  return { voices, variants };
}

function speak(speaker, { voice, rate, pitch, text }) {
  if (speaker.set_voice(voice) !== 0) {
    return { ok: false, input: true, error: 'The espeak engine could not load voice "' + voice + '".' };
  }
  speaker.set_rate(rate);
  speaker.set_pitch(pitch);
  const chunks = [];
  let length = 0;
  speaker.synthesize(text, (samples) => {
    if (samples && samples.length > 0) {
      chunks.push(samples);
      length += samples.length;
    }
    return false;
  });
  const all = new Int16Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, result: { sampleRate: speaker.get_samplerate(), samples: all } };
}

parentPort.on("message", async (request) => {
  try {
    const { module, speaker } = await load();
    if (request.kind === "voices") {
      parentPort.postMessage({ ok: true, result: listVoices(module, speaker) });
      return;
    }
    const reply = speak(speaker, request);
    parentPort.postMessage(reply);
  } catch (error) {
    const message = error && error.message ? error.message : String(error);
    parentPort.postMessage({ ok: false, error: "The espeak engine failed: " + message + "." });
  }
});
`;
