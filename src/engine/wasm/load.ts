/**
 * Loading the engine's WebAssembly kernels: each is a base64 string in a generated module (see
 * scripts/build-wasm.mjs), compiled here once per thread, synchronously — the engine's heavy work
 * runs in workers, where synchronous compiling is allowed at any size — so nothing is fetched.
 * Where WebAssembly is missing, the module does not validate (SIMD absent), or a
 * Content-Security-Policy forbids compiling, there is no kernel and the callers run their JS loops.
 */

/** The part of the WebAssembly API used here (the engine's lib has no DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** What every kernel module exports besides its functions. */
export interface KernelMemory {
  memory: WasmMemory;
  /** First byte after the module's static data, 16-byte aligned: where callers lay out their buffers. */
  heapBase(): number;
}

export const WASM_PAGE = 65536;

function decodeBase64(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const value = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) value[alphabet.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = ((acc << 6) | value[clean.charCodeAt(i)]) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

const compiled = new Map<string, object | null>();

/** A new instance of the module whose bytes are `base64`, or null when it cannot run here. */
export function instantiateKernel<T>(base64: string, imports: object = {}): T | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return null;
  let module = compiled.get(base64);
  try {
    if (module === undefined) {
      const bytes = decodeBase64(base64);
      // The module itself is the feature test: with SIMD instructions it validates only where they exist.
      module = wasm.validate(bytes) ? new wasm.Module(bytes) : null;
      compiled.set(base64, module);
    }
    return module ? (new wasm.Instance(module, imports).exports as T) : null;
  } catch {
    // Compiling refused (a policy without 'wasm-unsafe-eval'): the JS loops run.
    compiled.set(base64, null);
    return null;
  }
}

/** A kernel's memory could not grow to what a call needs (the browser's limit, or no memory left). */
export class KernelMemoryError extends Error {
  constructor(bytes: number) {
    super(`a WebAssembly kernel could not grow its memory to ${bytes} bytes`);
    this.name = 'KernelMemoryError';
  }
}

/**
 * Buffers in a kernel's memory for one call, in two steps: `take` reserves byte ranges, `commit`
 * grows the memory once to hold them all; views made after that stay valid for the call, since
 * nothing grows the memory again until the next call lays it out anew.
 */
export class Arena {
  private at: number;
  constructor(readonly kernel: KernelMemory) {
    this.at = kernel.heapBase();
  }
  take(bytes: number): number {
    const start = this.at;
    this.at += (bytes + 15) & ~15;
    return start;
  }
  /** Grows the memory to hold every range taken; throws KernelMemoryError when it cannot. */
  commit(): void {
    const need = Math.ceil(this.at / WASM_PAGE);
    const have = this.kernel.memory.buffer.byteLength / WASM_PAGE;
    if (need <= have) return;
    try {
      this.kernel.memory.grow(need - have);
    } catch {
      throw new KernelMemoryError(need * WASM_PAGE);
    }
  }
  f64(at: number, length: number): Float64Array {
    return new Float64Array(this.kernel.memory.buffer, at, length);
  }
  i32(at: number, length: number): Int32Array {
    return new Int32Array(this.kernel.memory.buffer, at, length);
  }
  u32(at: number, length: number): Uint32Array {
    return new Uint32Array(this.kernel.memory.buffer, at, length);
  }
}
