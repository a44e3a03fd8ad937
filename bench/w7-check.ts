import { measureW7 } from './w7';

/** `npx tsx bench/w7-check.ts [runs] [peerRuns]`: the W7 row alone (peerRuns 0 skips R). */
const rows = measureW7(process.argv[2] ? Number(process.argv[2]) : undefined, process.argv[3] ? Number(process.argv[3]) : undefined);
console.log(JSON.stringify(rows, null, 2));
