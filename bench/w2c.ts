import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OTHERS, R_RFM_SEGMENT_RULES } from '../src/engine/customers/segments';
import { defaultAnalysisDay, type Transactions } from '../src/engine/customers/columns';
import { median, round, type BenchRow } from './util';
import { differences, generateTransactions, ours, oursResult, type W2Result } from './w2';

/**
 * W2's limit row: the same RFM + ABC + segment × channel work as a C program (bench/c/w2kernel.c),
 * compiled here with gcc -O3 -march=native and run on the same 1M rows, against the engine in this
 * process. The C program times itself (median of its runs, input already in memory) and returns
 * the same result tables, which must match the engine's to the cent. The ratio says how far the
 * engine is from this CPU's limit; there is no goal to meet beyond being measured.
 */
const ROUNDS = 15;
const KERNEL = new URL('./c/w2kernel.c', import.meta.url);

function binaryInput(tx: Transactions, asOf: number, repeats: number): Buffer {
  const n = tx.customer.length;
  const head = Int32Array.of(n, tx.customerCount, tx.channelCount ?? 0, asOf, repeats);
  return Buffer.concat([head, tx.customer, tx.day, tx.amount, tx.channel!].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
}

interface KernelOutput {
  median_ms: number;
  segments: number[][];
  abc: number[][];
  cells: number[][];
}

function kernelResult(out: KernelOutput, channels: number): W2Result {
  const ids = [...R_RFM_SEGMENT_RULES.map((r) => r.id), OTHERS];
  const segments = new Map<string, number[]>();
  out.segments.forEach((row, s) => row[0] > 0 && segments.set(ids[s], row));
  const cells = new Map<string, number[]>();
  out.cells.forEach((row, i) => row[0] > 0 && cells.set(`${ids[Math.floor(i / channels)]}|${i % channels}`, [row[0], row[1], row[2], row[3]]));
  return { segments, abc: new Map(out.abc.map((row, i) => [['A', 'B', 'C'][i], row])), cells };
}

export function measureW2Limit(): BenchRow[] {
  const base = { id: 'W2-limit', case: '1M rows, the same work in C (gcc -O3)', peer: 'C kernel', goal: 'reported only: how far the engine is from this CPU' };
  let compiler: string;
  try {
    compiler = execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return [{ ...base, ours_ms: null, peer_ms: null, ratio: null, met: false, note: 'gcc not found: no limit row' }];
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'w2c-'));
  try {
    const exe = path.join(dir, 'w2kernel');
    execFileSync('gcc', ['-O3', '-march=native', '-o', exe, KERNEL.pathname, '-lm']);
    const tx = generateTransactions();
    const asOf = defaultAnalysisDay(tx);
    const input = path.join(dir, 'tx.bin');
    writeFileSync(input, binaryInput(tx, asOf, ROUNDS));
    const out = JSON.parse(execFileSync(exe, [input], { encoding: 'utf8', maxBuffer: 1 << 24 })) as KernelOutput;
    const diff = differences(oursResult(tx), kernelResult(out, tx.channelCount ?? 0));
    for (let i = 0; i < 3; i++) ours(tx);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      ours(tx);
      times.push(performance.now() - t);
    }
    const oursMs = median(times);
    return [
      {
        ...base,
        ours_ms: round(oursMs, 1),
        peer_ms: round(out.median_ms, 1),
        // Engine time over C time: 1 would be the limit.
        ratio: round(oursMs / out.median_ms, 2),
        met: diff.length === 0,
        same_result: diff.length === 0,
        differences: diff.slice(0, 5),
        peer_note: `${compiler}; medians of ${ROUNDS} runs each, input in memory; recency and frequency quintiles by counting, monetary by successive selection, segments by rule bit sets, ABC by an 11-bit radix sort on the high key words`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
