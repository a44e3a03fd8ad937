import { measureW3b, measureW3c } from './w3bc';

/** Prints the W3b and W3c rows alone: `npx tsx bench/w3bc-check.ts`. */
const rows = [...(await measureW3b()), ...measureW3c()];
console.log(JSON.stringify(rows, null, 2));
console.table(rows.map((r) => ({ id: r.id, case: r.case, ours_ms: r.ours_ms, peer_ms: r.peer_ms, ratio: r.ratio, first_bands_ms: r.first_bands_ms ?? '', goal: r.goal, met: r.met })));
