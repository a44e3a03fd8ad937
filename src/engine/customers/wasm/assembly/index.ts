/** The customer analyses' row passes and ABC's ranking compiled to one WebAssembly module (see wasm/kernel.ts for why these). */
export { tallyInDateOrder, tallyAnyOrder } from './summary';
export { tallyMatrix } from './matrix';
export { abcClassify } from './abc';

export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
