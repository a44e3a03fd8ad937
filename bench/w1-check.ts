import { measureW1 } from './w1';

/** `npx tsx bench/w1-check.ts [rows…]`: the W1 rows alone (default 1M and 10M rows). */
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const rows = await measureW1(sizes.length ? sizes.map((n) => ({ label: `${n} rows`, rows: n, runs: 5 })) : undefined);
console.log(JSON.stringify(rows, null, 2));
console.table(rows.map((r) => ({ case: r.case, ours_ms: r.ours_ms, peer: r.peer, peer_ms: r.peer_ms, ratio: r.ratio, same: r.same_result, met: r.met })));
