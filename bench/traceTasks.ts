import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

/**
 * `npx tsx bench/traceTasks.ts <dump.json>`: what the main thread's long tasks (> 10 ms) in a trace
 * written by mainThreadTasks (TRACE_OUT) are made of — script, style and layout, paint, GC — and
 * which functions their script time went to (from the sampling profile).
 */
interface Ev { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; args?: { name?: string; data?: { functionName?: string; url?: string } } }
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
const file = process.argv[2];
const { events, profile } = JSON.parse(readFileSync(file, 'utf8')) as { events: Ev[]; profile: { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] } };
const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const isTask = (e: Ev): boolean => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && typeof e.dur === 'number';
const main = mains.map((m) => ({ m, n: events.filter((e) => isTask(e) && e.pid === m.pid && e.tid === m.tid).length })).sort((a, b) => b.n - a.n)[0].m;
const onMain = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || (b.dur as number) - (a.dur as number));
// Outermost tasks only (Chromium nests RunTask events inside one another).
const tasks: Ev[] = [];
for (const e of onMain.filter(isTask)) {
  const last = tasks[tasks.length - 1];
  if (last && e.ts < last.ts + (last.dur as number)) continue;
  tasks.push(e);
}
const long = tasks.filter((t) => (t.dur as number) > Number(process.env.MIN_MS ?? 10) * 1000);

const CLASS: Record<string, string> = {
  FunctionCall: 'script', EvaluateScript: 'script', TimerFire: 'script', FireAnimationFrame: 'script', EventDispatch: 'script', RunMicrotasks: 'script', 'v8.run': 'script', V8Execute: 'script', HandlePostMessage: 'script', 'V8.Execute': 'script',
  UpdateLayoutTree: 'style', RecalculateStyles: 'style', Layout: 'layout', 'LayoutShift': 'layout', IntersectionObserverController: 'layout', ResizeObserverController: 'layout',
  Paint: 'paint', PrePaint: 'paint', Layerize: 'paint', Commit: 'paint', UpdateLayer: 'paint', 'PaintImage': 'paint', CompositeLayers: 'paint', 'UpdateLayerTree': 'paint',
  MajorGC: 'gc', MinorGC: 'gc', 'V8.GC_SCAVENGER': 'gc', 'BlinkGC.AtomicPhase': 'gc', ParseHTML: 'parse', 'v8.compile': 'compile', 'V8.CompileCode': 'compile', 'v8.parseOnBackground': 'compile',
};

const kind = (name: string): string => CLASS[name] ?? (/GC|Sweep|Mark|Scaveng|Evacuat/i.test(name) ? 'gc' : isTask({ name, ph: 'X', dur: 0 } as Ev) ? 'task-other' : `other:${name}`);

// Absolute time of each profile sample (µs, same clock as the trace).
const parent = new Map<number, number>();
const byId = new Map<number, Node>();
for (const n of profile.nodes) {
  byId.set(n.id, n);
  for (const c of n.children ?? []) parent.set(c, n.id);
}
const sampleTs: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) sampleTs.push((t += d));
// With BENCH_DIST (a build with source maps), frames are named by their source file and line.
const maps = new Map<string, SourceMapConsumer | null>();
function mapOf(url: string): SourceMapConsumer | null {
  if (!maps.has(url)) {
    const file = process.env.BENCH_DIST ? path.join(process.env.BENCH_DIST, new URL(url).pathname) + '.map' : '';
    maps.set(url, file && existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8'))) : null);
  }
  return maps.get(url) ?? null;
}
const frameName = (n: Node): string => {
  const f = n.callFrame;
  const m = f.url.startsWith('http') ? mapOf(f.url) : null;
  const o = m?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
  if (o?.source) return `${f.functionName || o.name || '(anon)'} ${o.source.replace(/^.*node_modules\//, '~').replace(/^(\.\.\/)+/, '')}:${o.line}`;
  return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
};

const totals = new Map<string, number>();
const fnTotals = new Map<string, number>();
for (const task of long) {
  const end = task.ts + (task.dur as number);
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur as number) <= end);
  // Self time per event name: its duration less that of events nested directly in it.
  const self = new Map<string, number>();
  const stack: Ev[] = [];
  for (const e of inside) {
    while (stack.length && stack[stack.length - 1].ts + (stack[stack.length - 1].dur as number) <= e.ts) stack.pop();
    const top = stack[stack.length - 1];
    if (top) self.set(top.name, (self.get(top.name) ?? 0) - (e.dur as number));
    self.set(e.name, (self.get(e.name) ?? 0) + (e.dur as number));
    stack.push(e);
  }
  const cls = new Map<string, number>();
  for (const [name, us] of self) cls.set(kind(name), (cls.get(kind(name)) ?? 0) + us);
  for (const [c, us] of cls) totals.set(c, (totals.get(c) ?? 0) + us);
  // Inclusive time per function from the samples in this task.
  const incl = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    if (sampleTs[i] < task.ts || sampleTs[i] > end) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 200) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id) as Node;
      if (!n.callFrame.url) continue;
      const k = frameName(n);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + dt);
    }
  }
  for (const [k, v] of incl) fnTotals.set(k, (fnTotals.get(k) ?? 0) + v);
  const top = [...inside].filter((e) => stack.length >= 0 && CLASS[e.name] === 'script').slice(0, 3).map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''}`);
  console.log(`task ${((task.dur as number) / 1000).toFixed(1)} ms: ${[...cls].sort((a, b) => b[1] - a[1]).filter(([, us]) => us > 300).map(([c, us]) => `${c} ${(us / 1000).toFixed(1)}`).join(', ')} | entry: ${top.join(', ')}`);
  console.log('   ' + [...incl].sort((a, b) => b[1] - a[1]).filter(([k]) => new RegExp(process.env.FRAMES ?? 'src\\/|echarts').test(k) || /echarts\/lib\/(core|chart)|zrender\/lib\/(canvas|painter)|ag-grid-community/.test(k)).slice(0, Number(process.env.TOP ?? 8)).map(([k, v]) => `${k} ${v.toFixed(1)}`).join('\n   '));
}
console.log(`\n${long.length} tasks over 10 ms; time by kind (ms):`, Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).filter(([, v]) => v > 1000).map(([k, v]) => [k, Math.round(v / 100) / 10])));
console.log('inclusive ms by function over all long tasks:\n  ' + [...fnTotals].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP_ALL ?? 40)).map(([k, v]) => `${v.toFixed(1)} ${k}`).join('\n  '));
