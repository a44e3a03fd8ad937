import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

let dumps = 0;

/**
 * Records Chromium's timeline while `work` runs and returns the duration (ms) of every task the
 * page's main thread ran: a task longer than 10 ms is a frame whose main-thread work went over the
 * W4 budget, whatever the display's refresh rate. With TRACE_OUT set, the full trace (with layout
 * and paint detail) and a JS sampling profile are also written to `<TRACE_OUT>-<n>.json`, for
 * bench/traceTasks.ts to say what the long tasks are made of.
 */
export async function mainThreadTasks(page: Page, work: () => Promise<void>): Promise<number[]> {
  const out = process.env.TRACE_OUT;
  const cdp = await page.context().newCDPSession(page);
  // Playwright's typings list only some CDP events; these two are plain protocol events.
  const emitter = cdp as unknown as { on(e: string, f: (p: never) => void): void; once(e: string, f: () => void): void };
  const events: TraceEvent[] = [];
  emitter.on('Tracing.dataCollected', (e: { value: TraceEvent[] }) => events.push(...e.value));
  const done = new Promise<void>((resolve) => emitter.once('Tracing.tracingComplete', () => resolve()));
  const categories = out ? 'devtools.timeline,toplevel,disabled-by-default-devtools.timeline,blink.user_timing' : 'devtools.timeline,toplevel';
  // The sampling profiler slows script down several times: NO_PROFILE=1 keeps the task durations true.
  const profiling = out && !process.env.NO_PROFILE;
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await work();
  await cdp.send('Tracing.end');
  await done;
  if (out) {
    const profile = profiling ? (await cdp.send('Profiler.stop')).profile : { nodes: [], startTime: 0, samples: [], timeDeltas: [] };
    writeFileSync(`${out}-${dumps++}.json`, JSON.stringify({ events, profile }));
  }
  await cdp.detach();
  // The page's main thread: of the renderer main threads in the trace, the one that ran the most tasks.
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasksOf = (m: TraceEvent): number[] =>
    events.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.pid === m.pid && e.tid === m.tid && typeof e.dur === 'number').map((e) => (e.dur as number) / 1000);
  return mains.map(tasksOf).sort((a, b) => b.length - a.length)[0] ?? [];
}
