import { measureW2 } from './w2';

/** `npx tsx bench/w2-check.ts`: the W2 rows alone, without the browser benchmarks of `npm run bench`. */
const rows = await measureW2();
console.log(JSON.stringify(rows, null, 2));
console.table(rows.map((r) => ({ case: r.case, ours_ms: r.ours_ms, peer: r.peer, peer_ms: r.peer_ms, ratio: r.ratio, same_result: r.same_result, met: r.met })));
