import v8 from 'node:v8';
import vm from 'node:vm';
import { pieces } from '../tests/unit/import/helpers';
import { CHUNK_BYTES, generateCsv, parseOurs, parsePapa, parseUdsv } from './w1';
import { median, round } from './util';

/**
 * `npx tsx bench/w1-interleaved.ts [rows] [rounds]`: W1 on a busy machine. The same three parsers
 * and the same pieces of the file as bench/w1.ts, but run in turn (ours, uDSV, PapaParse, ours, …) after one
 * warm-up each, so that other load falls on all three alike, and timed both by the clock and by
 * the process's CPU time (which the other load disturbs less). Prints medians and ratios.
 */
const rows = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 5);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const parts = pieces(generateCsv(rows), CHUNK_BYTES);
const parsers: Record<string, () => unknown> = {
  ours: () => parseOurs(parts),
  uDSV: () => parseUdsv(parts, rows),
  PapaParse: () => parsePapa(parts, rows),
};
const wall: Record<string, number[]> = { ours: [], uDSV: [], PapaParse: [] };
const cpu: Record<string, number[]> = { ours: [], uDSV: [], PapaParse: [] };
for (const run of Object.values(parsers)) await run();
for (let i = 0; i < rounds; i++) {
  for (const [name, run] of Object.entries(parsers)) {
    gc();
    const c = process.cpuUsage();
    const t = performance.now();
    await run();
    wall[name].push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu[name].push((used.user + used.system) / 1000);
  }
}
for (const [clock, times] of [['wall', wall], ['cpu', cpu]] as const) {
  const ours = median(times.ours);
  const udsv = median(times.uDSV);
  const papa = median(times.PapaParse);
  console.log(
    `${rows} rows, ${clock} ms (median of ${rounds}): ours ${round(ours, 0)}, uDSV ${round(udsv, 0)} (${round(udsv / ours, 2)}x), ` +
      `PapaParse ${round(papa, 0)} (${round(papa / ours, 2)}x); ours each run: ${times.ours.map((x) => round(x, 0)).join(' ')}`,
  );
}
