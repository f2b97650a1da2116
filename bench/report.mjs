// The benchmark's table and its targets, printed for a person.

const fmt = (n, digits = 2) => (n == null ? "—" : n.toFixed(digits));

/** One line per measurement, then each target as measured ratio against its bound. */
export function printTable(rows, r, print = console.log) {
  const width = Math.max(...rows.map((row) => row.name.length));
  print(`${"measurement".padEnd(width)}  wall s   CPU s  peak RSS MB`);
  for (const row of rows) {
    print(
      `${row.name.padEnd(width)}  ${fmt(row.seconds).padStart(6)}  ${fmt(row.cpuSeconds).padStart(6)}  ${String(row.rssMB ?? "—").padStart(11)}`,
    );
  }
  print("");
  if (r.runs)
    print(
      `the seed's cases: medians of ${r.runs} round${r.runs === 1 ? "" : "s"} after a warm-up round; scale builds: one run each`,
    );
  if (r.coldPhases) print(`cold build, ${r.coldPhases}`);
  print(`ffmpeg: ${r.ffmpeg}`);
  print("");
  for (const t of targets(r)) {
    print(`${t.ok ? "met   " : "MISSED"}  ${t.what}: ${t.value}`);
  }
}

/** The targets, each with the figure it was judged on. */
export function targets(r) {
  const per = r.secondsPer1kWords;
  const big = per["50k"] ?? per["10k"];
  const bigLabel = per["50k"] ? "50k" : "10k";
  const list = [
    { what: "cold ≤ 0.6 × bare (wall)", ratio: r.coldSeconds / r.bareSeconds, bound: 0.6 },
    { what: "cold CPU ≤ 1.15 × bare CPU", ratio: r.coldCpuSeconds / r.bareCpuSeconds, bound: 1.15 },
    { what: "one edit ≤ 0.15 × bare", ratio: r.editSeconds / r.bareSeconds, bound: 0.15 },
    { what: "unchanged ≤ 0.05 × bare", ratio: r.unchangedSeconds / r.bareSeconds, bound: 0.05 },
    { what: `s per 1k words at ${bigLabel} ≤ 1.0 × at 1k`, ratio: big / per["1k"], bound: 1.0 },
    {
      what: "synthesis, default concurrency ≤ 0.55 × concurrency 1",
      ratio: r.concurrencyDefaultSeconds / r.concurrency1Seconds,
      bound: 0.55,
    },
  ].map((t) => ({ ...t, ok: t.ratio <= t.bound, value: `${fmt(t.ratio)} ×` }));
  list.push({
    what: "one edit synthesizes exactly 1 utterance",
    ok: r.editSynthesized === 1,
    value: String(r.editSynthesized),
  });
  const rss = r.peakRssMB[bigLabel];
  list.push({ what: `peak RSS at ${bigLabel} ≤ 200 MB`, ok: rss != null && rss <= 200, value: `${rss} MB` });
  return list;
}
