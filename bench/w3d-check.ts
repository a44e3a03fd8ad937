import { measureW3d } from './w3d';

/** `npx tsx bench/w3d-check.ts`: the W3d row alone, without the browser benchmarks of `npm run bench`. */
const rows = await measureW3d();
console.log(JSON.stringify(rows, null, 2));
