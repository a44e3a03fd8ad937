/** The Monte Carlo kernels compiled to one WebAssembly module (see wasm/kernel.ts for why these). */
export { hillM, hillGV, heapBase } from './hill';
export { drawFactors, drawFactorsPair } from './draws';
export { fastScalars } from './scalars';
