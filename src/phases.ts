/**
 * Where a build's CPU time goes, phase by phase, for `--verbose` and the benchmark.
 *
 * The presscast process's own time (every thread of it) is charged to the phase the build is in,
 * or to the phase a synchronous section names. A child process's time is charged when it has
 * exited and been waited for, from the kernel's count of waited-for children (Linux /proc), to
 * the phase its spawner names: engine processes to synthesis, ffmpeg to its own job. Elsewhere
 * only the process's own time is known. The ledger is one per process: a CLI command is one
 * build at a time, and the stages report into it without passing it around.
 */
import { readFileSync } from "node:fs";

export const PHASES = [
  "start",
  "read",
  "normalise",
  "synthesize",
  "level",
  "encode",
  "tag",
  "publish",
  "finish",
] as const;
export type Phase = (typeof PHASES)[number];

/** Clock ticks per second of /proc's times: USER_HZ, 100 on every Linux build node runs on. */
const TICKS = 100;

const spent = new Map<Phase, number>();
let current: Phase = "start";
/** Own CPU µs and waited-for children's ticks at the last settling. */
let ownMark = 0;
let childMark = childTicks() ?? 0;

function ownMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** User + system ticks of this process's waited-for children, or undefined off Linux. */
function childTicks(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "latin1");
    // Fields after the command name (which may hold spaces) start at field 3; cutime is 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[13]) + Number(fields[14]);
  } catch {
    return undefined;
  }
}

function add(phase: Phase, seconds: number): void {
  spent.set(phase, (spent.get(phase) ?? 0) + seconds);
}

function settle(): void {
  const now = ownMicros();
  add(current, (now - ownMark) / 1e6);
  ownMark = now;
}

/** From now on this process's time goes to `phase`. */
export function enterPhase(phase: Phase): void {
  settle();
  current = phase;
}

/** Runs a synchronous section and charges its time to `phase`, whatever phase the build is in. */
export function chargeSync<T>(phase: Phase, run: () => T): T {
  settle();
  const outer = current;
  current = phase;
  try {
    return run();
  } finally {
    settle();
    current = outer;
  }
}

/** Call when a child process working for `phase` has exited: its time goes to `phase`. */
export function chargeChildren(phase: Phase): void {
  const now = childTicks();
  if (now === undefined) return;
  add(phase, (now - childMark) / TICKS);
  childMark = now;
}

export interface PhaseReport {
  /** CPU seconds per phase, in PHASES order; phases that took none are left out. */
  phases: Array<{ phase: Phase; cpuSeconds: number }>;
  cpuSeconds: number;
  /** Since the process started. */
  wallSeconds: number;
  /** False where children's time cannot be read (no /proc): then only this process's is counted. */
  children: boolean;
}

/** The ledger so far; children not yet charged (none, when every spawner reports) go to the current phase. */
export function phaseReport(): PhaseReport {
  settle();
  const children = childTicks() !== undefined;
  if (children) chargeChildren(current);
  const phases = PHASES.filter((phase) => (spent.get(phase) ?? 0) > 0).map((phase) => ({
    phase,
    cpuSeconds: spent.get(phase) ?? 0,
  }));
  const cpuSeconds = phases.reduce((sum, p) => sum + p.cpuSeconds, 0);
  return { phases, cpuSeconds, wallSeconds: process.uptime(), children };
}

/** One line: "cpu by phase: start 0.31 s, read 0.12 s, …; total 8.85 s in 4.20 s wall". */
export function formatPhases(report: PhaseReport): string {
  const parts = report.phases.map((p) => `${p.phase} ${p.cpuSeconds.toFixed(2)} s`);
  const note = report.children ? "" : " (child processes not counted: no /proc)";
  return `cpu by phase: ${parts.join(", ")}; total ${report.cpuSeconds.toFixed(2)} s in ${report.wallSeconds.toFixed(2)} s wall${note}`;
}
