import { abcClasses } from '../src/engine/customers/abc';
import { customerSummary, defaultAnalysisDay } from '../src/engine/customers/columns';
import { scoreRfm } from '../src/engine/customers/rfm';
import { segmentChannelMatrix } from '../src/engine/customers/segmentChannel';
import { assignSegments, R_RFM_SEGMENT_RULES, segmentTable } from '../src/engine/customers/segments';
import { generateTransactions, ours } from './w2';
import { median, round } from './util';

/** `npx tsx bench/w2-stages.ts [rounds]`: W2's engine stages alone, medians and minima, no peers. */
const rounds = Number(process.argv[2] ?? 15);
const tx = generateTransactions();
const asOf = defaultAnalysisDay(tx);
const summary = customerSummary(tx, asOf);
const scores = scoreRfm(summary);
const segments = assignSegments(scores, R_RFM_SEGMENT_RULES);
const stages: Record<string, () => unknown> = {
  total: () => ours(tx),
  analysisDay: () => defaultAnalysisDay(tx),
  summary: () => customerSummary(tx, asOf),
  scores: () => scoreRfm(summary),
  segments: () => assignSegments(scores, R_RFM_SEGMENT_RULES),
  table: () => segmentTable(segments, summary),
  abc: () => abcClasses(summary.revenue, { include: summary.orders }),
  matrix: () => segmentChannelMatrix(tx, segments),
};
const t: Record<string, number[]> = {};
for (const name in stages) t[name] = [];
for (let i = 0; i < 3; i++) for (const name in stages) stages[name]();
for (let r = 0; r < rounds; r++) {
  for (const name in stages) {
    const s = performance.now();
    stages[name]();
    t[name].push(performance.now() - s);
  }
}
console.table(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { median: round(median(v), 1), min: round(Math.min(...v), 1) }])));
