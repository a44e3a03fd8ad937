import { loadavg } from 'node:os';
import { generateSyntheticPlan } from '../src/engine/synthetic';
import type { Plan, UncertainDriver } from '../src/engine/types';
import {
  naiveMonteCarlo,
  naiveTornado,
  prepareMonteCarlo,
  runMonteCarloChunk,
  summariseMonteCarlo,
  tornado,
} from '../src/engine/uncertainty';
import { median, round, type BenchRow } from './util';
import { measureW3bPool } from './w3pool';

/**
 * W3b (Monte Carlo) and W3c (tornado), engine only, in Node, on the synthetic plan of 200 channels ×
 * 60 periods (seed 42, with overrides). Every channel gets three ranges, P10–P90 = ±20 % of the
 * driver's base: conversion triangular, aov normal, spend lognormal (all four shapes' costs but the
 * uniform's, and every channel's spend goes through its Hill curve in every draw).
 */
const CHANNELS = 200;
const PERIODS = 60;
const DRAWS = 10_000;
const FIRST = 500;
const SEED = 1;

type Shapes = Record<'conversion' | 'aov' | 'spend', UncertainDriver['distribution']>;
const MIXED: Shapes = { conversion: 'triangular', aov: 'normal', spend: 'lognormal' };
/** The Risk tab's default shape for every range. */
const TRIANGULAR: Shapes = { conversion: 'triangular', aov: 'triangular', spend: 'triangular' };

function benchPlan(shapes: Shapes = MIXED): { plan: Plan; uncertainty: UncertainDriver[] } {
  const plan = generateSyntheticPlan({ channels: CHANNELS, periods: PERIODS, seed: 42, withOverrides: true });
  const uncertainty = plan.channels.flatMap((ch) =>
    (['conversion', 'aov', 'spend'] as const).map((driver) => ({
      id: `${ch.id}-${driver}`,
      channelId: ch.id,
      driver,
      low: ch.drivers[driver].base * 0.8,
      high: ch.drivers[driver].base * 1.2,
      distribution: shapes[driver],
    })),
  );
  return { plan, uncertainty };
}

function time(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** Median of `runs` timings after `warm` untimed runs. */
function timed(f: () => void, runs: number, warm = 2): number {
  for (let i = 0; i < warm; i++) f();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) ts.push(time(f));
  return median(ts);
}

/** Wall and CPU time of one call (CPU time: this process, all threads — load from elsewhere adds less to it). */
function timeBoth(f: () => void): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000 };
}

/**
 * Medians of the JS loops and the WebAssembly kernels on the same work, measured in interleaved rounds
 * in one process (the order alternates per round), so that load from elsewhere on the machine falls on
 * both alike.
 */
function interleaved(js: () => void, wasm: () => void, rounds: number, warm = 2): { js: number; wasm: number; jsCpu: number; wasmCpu: number } {
  for (let i = 0; i < warm; i++) {
    js();
    wasm();
  }
  const tj: { wall: number; cpu: number }[] = [];
  const tw: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      tj.push(timeBoth(js));
      tw.push(timeBoth(wasm));
    } else {
      tw.push(timeBoth(wasm));
      tj.push(timeBoth(js));
    }
  }
  return {
    js: median(tj.map((x) => x.wall)),
    wasm: median(tw.map((x) => x.wall)),
    jsCpu: median(tj.map((x) => x.cpu)),
    wasmCpu: median(tw.map((x) => x.cpu)),
  };
}

export async function measureW3b(): Promise<BenchRow[]> {
  // The machine is shared: its 1-minute load average says how much the wall-clock times are stretched.
  const load = loadavg()[0];
  const { plan, uncertainty } = benchPlan();
  const opts = { scenarioId: null, uncertainty };
  const prepare = timed(() => prepareMonteCarlo(plan, opts), 7);
  const model = prepareMonteCarlo(plan, opts);
  // The code the app's workers run: the WebAssembly kernels where WebAssembly SIMD exists (it does in
  // Node and in every current browser), else the JS loops.
  const kernel = runMonteCarloChunk(model, SEED, 0, 2).kernel ?? 'js';
  // One worker's job: all draws of one model, by each path.
  const both = interleaved(() => runMonteCarloChunk(model, SEED, 0, DRAWS, 'js'), () => runMonteCarloChunk(model, SEED, 0, DRAWS, 'wasm-simd'), 9);
  const ours = kernel === 'wasm-simd' ? both.wasm : both.js;
  const chunk = runMonteCarloChunk(model, SEED, 0, DRAWS);
  const summarise = timed(() => summariseMonteCarlo([chunk], PERIODS, 0), 7);
  // First bands: the first chunk of the pool (500 draws) run and summarised.
  const first = timed(() => summariseMonteCarlo([runMonteCarloChunk(model, SEED, 0, FIRST)], PERIODS, 0), 15);
  // Context: the same plan with every range triangular (the Risk tab's default).
  const tri = benchPlan(TRIANGULAR);
  const triModel = prepareMonteCarlo(tri.plan, { scenarioId: null, uncertainty: tri.uncertainty });
  const allTriangular = timed(() => runMonteCarloChunk(triModel, SEED, 0, DRAWS), 5);
  // The peer takes several ms a draw: it runs 20 draws, scaled linearly to 10,000.
  const peerDraws = 20;
  const peer = (timed(() => naiveMonteCarlo(plan, opts, SEED, peerDraws), 3, 1) * DRAWS) / peerDraws;
  // The app runs the draws over a pool of workers (all cores but the page's).
  const pool = await measureW3bPool(model, SEED, DRAWS, ours);
  return [
    {
      id: 'W3b',
      case: '10k draws x 200 channels x 60 periods',
      ours_ms: round(ours, 1),
      peer: 'naive Monte Carlo (computePlan per draw)',
      peer_ms: round(peer, 0),
      ratio: round(peer / ours, 1),
      goal: '<= 500 ms in one worker; first bands <= 60 ms',
      met: ours <= 500 && first <= 60,
      kernel,
      js_ms: round(both.js, 1),
      wasm_ms: round(both.wasm, 1),
      js_over_wasm: round(both.js / both.wasm, 2),
      js_cpu_ms: round(both.jsCpu, 1),
      wasm_cpu_ms: round(both.wasmCpu, 1),
      load_average_1min: round(load, 2),
      first_bands_ms: round(first, 1),
      first_bands_draws: FIRST,
      prepare_ms: round(prepare, 1),
      summarise_ms: round(summarise, 1),
      ours_ms_all_triangular: round(allTriangular, 1),
      total_with_prepare_and_summary_ms: round(prepare + ours + summarise, 1),
      peer_draws: peerDraws,
      peer_note: `naive run on ${peerDraws} draws, scaled linearly to ${DRAWS}`,
      uncertainty: 'every channel: conversion triangular, aov normal, spend lognormal (Hill curve); P10-P90 = base -20 % .. +20 %',
      ours_note:
        'ours_ms = runMonteCarloChunk for all draws (the worker) by the code the app runs (kernel); js_ms and wasm_ms = medians of 9 interleaved rounds of the JS loops and the WebAssembly kernels on the same model in one process (same figures bit for bit), *_cpu_ms the same rounds in process CPU time (less sensitive to other load on the machine); prepare (once, main thread) and summary reported apart; no rounding to minor units inside Monte Carlo',
    },
  pool,
  ];
}

export function measureW3c(): BenchRow[] {
  const { plan, uncertainty } = benchPlan();
  const opts = { scenarioId: null, uncertainty };
  const ours = timed(() => tornado(plan, opts), 9, 3);
  // The peer recomputes the whole plan per end of each range (~4 ms each): it runs the first 60
  // ranges, scaled linearly to all of them.
  const peerRanges = 60;
  const sub = { scenarioId: null, uncertainty: uncertainty.slice(0, peerRanges) };
  const peer = (timed(() => naiveTornado(plan, sub), 3, 1) * uncertainty.length) / peerRanges;
  return [
    {
      id: 'W3c',
      case: '200 channels',
      ours_ms: round(ours, 1),
      peer: 'full recompute per driver',
      peer_ms: round(peer, 0),
      ratio: round(peer / ours, 1),
      goal: '<= 50 ms',
      met: ours <= 50,
      ranges: uncertainty.length,
      periods: PERIODS,
      peer_ranges: peerRanges,
      peer_note: `naive run on the first ${peerRanges} ranges, scaled linearly to ${uncertainty.length}`,
      uncertainty: 'every channel: conversion, aov, spend at base -20 % / +20 %',
    },
  ];
}
