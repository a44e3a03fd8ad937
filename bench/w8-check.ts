import { measureW8 } from './w8';

/** `npx tsx bench/w8-check.ts [runs]`: the W8 row alone, without the browser benchmarks of `npm run bench`. */
const rows = measureW8(process.argv[2] ? Number(process.argv[2]) : undefined);
console.log(JSON.stringify(rows, null, 2));
