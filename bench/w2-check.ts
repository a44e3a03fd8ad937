import { measureW2 } from './w2';
import { measureW2Limit } from './w2c';

/** `npx tsx bench/w2-check.ts`: the W2 rows and W2's C limit alone, without the browser benchmarks of `npm run bench`. */
const rows = [...(await measureW2()), ...measureW2Limit()];
console.log(JSON.stringify(rows, null, 2));
console.table(rows.map((r) => ({ case: r.case, ours_ms: r.ours_ms, peer: r.peer, peer_ms: r.peer_ms, ratio: r.ratio, same_result: r.same_result, met: r.met })));
