/**
 * Which ffmpeg encodes when the user names none: the bundled static build, or an ffmpeg on
 * PATH when that one is newer and has LAME. The bundled build (ffmpeg 4.1, from
 * @ffmpeg-installer) encodes MP3 about 2.7× slower than a distribution's current ffmpeg on the
 * same settings, and encoding is a third of a cold build; the output settings are the same
 * either way (44.1 kHz mono CBR, same LAME quality). Both are asked `-version` once per process,
 * only when a build will encode, so a build with nothing to encode starts no ffmpeg. The asking
 * can run in the background (`chooseFfmpegSoon`) while a build speaks its sentences: a distro's
 * ffmpeg takes 50–80 ms to load its libraries and answer, time an edit's rebuild would wait.
 */
import { execFile, execFileSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join, resolve } from "node:path";

export interface FfmpegBuild {
  path: string;
  /** As ffmpeg prints it, e.g. "5.1.9-0+deb12u1" or "N-47683-g0e8eb07980-static". */
  version: string;
  /** libavcodec's version, comparable across builds whatever their version strings say. */
  codecs: [number, number, number];
  lame: boolean;
}

const VERSION_ARGS = ["-hide_banner", "-version"];
const VERSION_TIMEOUT_MS = 10_000;

/** What `ffmpeg -version` says of a binary, or undefined when it does not run as an ffmpeg. */
export function describeFfmpeg(path: string): FfmpegBuild | undefined {
  try {
    const text = execFileSync(path, VERSION_ARGS, {
      encoding: "utf8",
      timeout: VERSION_TIMEOUT_MS,
      stdio: ["ignore", "pipe", "ignore"],
    });
    return parseVersion(path, text);
  } catch {
    return undefined;
  }
}

/** describeFfmpeg without blocking: the same answer, while other work goes on. */
export function describeFfmpegSoon(path: string): Promise<FfmpegBuild | undefined> {
  return new Promise((resolve) => {
    execFile(path, VERSION_ARGS, { encoding: "utf8", timeout: VERSION_TIMEOUT_MS }, (error, text) =>
      resolve(error ? undefined : parseVersion(path, text)),
    );
  });
}

function parseVersion(path: string, text: string): FfmpegBuild | undefined {
  const version = /^ffmpeg version (\S+)/m.exec(text)?.[1];
  const codecs = /^libavcodec\s+(\d+)\.\s*(\d+)\.\s*(\d+)/m.exec(text);
  if (!version || !codecs) return undefined;
  return {
    path,
    version,
    codecs: [Number(codecs[1]), Number(codecs[2]), Number(codecs[3])],
    lame: /--enable-libmp3lame\b/.test(text),
  };
}

/** The first executable called ffmpeg on PATH, other than `except`. */
export function ffmpegOnPath(env: NodeJS.ProcessEnv, except?: string): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = resolve(join(dir, process.platform === "win32" ? "ffmpeg.exe" : "ffmpeg"));
    if (except && candidate === resolve(except)) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function newer(a: FfmpegBuild, b: FfmpegBuild): boolean {
  for (let i = 0; i < 3; i++) {
    const d = (a.codecs[i] as number) - (b.codecs[i] as number);
    if (d !== 0) return d > 0;
  }
  return false;
}

/**
 * The bundled build, unless the ffmpeg on PATH is newer (by libavcodec) and can write MP3 with
 * LAME; a PATH ffmpeg that does not run is passed over.
 */
export function chooseFfmpeg(bundled: string, env: NodeJS.ProcessEnv): FfmpegBuild {
  const other = ffmpegOnPath(env, bundled);
  return pick(bundled, describeFfmpeg(bundled), other ? describeFfmpeg(other) : undefined);
}

/** chooseFfmpeg without blocking: both binaries are asked at once. */
export async function chooseFfmpegSoon(bundled: string, env: NodeJS.ProcessEnv): Promise<FfmpegBuild> {
  const other = ffmpegOnPath(env, bundled);
  const [own, candidate] = await Promise.all([
    describeFfmpegSoon(bundled),
    other ? describeFfmpegSoon(other) : undefined,
  ]);
  return pick(bundled, own, candidate);
}

function pick(bundled: string, own?: FfmpegBuild, candidate?: FfmpegBuild): FfmpegBuild {
  if (candidate?.lame && (!own?.lame || newer(candidate, own))) return candidate;
  return own ?? { path: bundled, version: "unknown", codecs: [0, 0, 0], lame: true };
}
