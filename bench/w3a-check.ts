import { measureW3a } from './w3a';

/** `npx tsx bench/w3a-check.ts`: the W3a rows alone, without the browser benchmarks of `npm run bench`. */
const rows = await measureW3a();
console.log(JSON.stringify(rows, null, 2));
console.table(rows.map((r) => ({ case: r.case, ours_ms: r.ours_ms, peer_ms: r.peer_ms, ratio: r.ratio, objective_gap: r.objective_gap, met: r.met })));
