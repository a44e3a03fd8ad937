/**
 * The Hill group loops of mcKernels.ts (hillGroup, hillGroupMargins) in WebAssembly SIMD, compiled
 * by AssemblyScript (`npm run build:wasm`). The two draws of a block sit in the two f64 lanes, so
 * every operation of the JS loop becomes one f64x2 operation for both draws: one vector division
 * gives the reciprocals of both draws' two periods.
 *
 * Each draw's arithmetic is the JS reference's, operation by operation and in the same order (no
 * fused multiply-add, no reassociation; IEEE f64 lane arithmetic is the same as scalar), so the
 * results are equal bit for bit — the property test in tests/unit checks exactly that.
 *
 * Memory is laid out by the caller (wasm/kernel.ts); pointers are byte offsets:
 *   x    the group's cells (FastGroup.data);
 *   sv   the block's scalars as fastScalars writes them: per channel, draw 0's then draw 1's;
 *   tmp  n × (scalars per draw) v128 of scratch: the scalars regrouped with the draws in lanes;
 *   out  per period t: [net draw 0, net draw 1, contribution draw 0, contribution draw 1] at
 *        out + 32·t, over an even number of periods. The caller adds them to the chunk in the
 *        reference's order.
 */

/** Hill channels with certain margins: cell fields Y, Z1, BR, M, SP; scalars A, H, G, LS. */
export function hillM(x: usize, n: i32, sv: usize, P: i32, tmp: usize, out: usize): void {
  // Scalars [a0 h0 g0 l0 a1 h1 g1 l1] → [A H G L], each (draw 0, draw 1).
  for (let k = 0; k < n; k++) {
    const s = sv + (<usize>k << 6);
    const v0 = v128.load(s);
    const v1 = v128.load(s, 16);
    const v2 = v128.load(s, 32);
    const v3 = v128.load(s, 48);
    const o = tmp + (<usize>k << 6);
    v128.store(o, v128.shuffle<f64>(v0, v2, 0, 2));
    v128.store(o, v128.shuffle<f64>(v0, v2, 1, 3), 16);
    v128.store(o, v128.shuffle<f64>(v1, v3, 0, 2), 32);
    v128.store(o, v128.shuffle<f64>(v1, v3, 1, 3), 48);
  }
  const one = f64x2.splat(1.0);
  for (let t = 0; t < P; t += 2) {
    let n0 = f64x2.splat(0.0);
    let n1 = f64x2.splat(0.0);
    let c0 = f64x2.splat(0.0);
    let c1 = f64x2.splat(0.0);
    let d = x + <usize>(t * n * 5) * 8;
    let s = tmp;
    for (let k = 0; k < n; k++, d += 80, s += 64) {
      const a = v128.load(s);
      const h = v128.load(s, 16);
      const g = v128.load(s, 32);
      const l = v128.load(s, 48);
      // Lane r = draw r; suffix 0/1 = period t / t + 1.
      const p0 = f64x2.add(h, f64x2.mul(g, v128.load64_splat(d)));
      const p1 = f64x2.add(h, f64x2.mul(g, v128.load64_splat(d, 40)));
      const r = f64x2.div(one, f64x2.mul(p0, p1));
      const e0 = f64x2.add(f64x2.mul(a, v128.load64_splat(d, 16)), f64x2.mul(v128.load64_splat(d, 8), f64x2.mul(p1, r)));
      const e1 = f64x2.add(f64x2.mul(a, v128.load64_splat(d, 56)), f64x2.mul(v128.load64_splat(d, 48), f64x2.mul(p0, r)));
      n0 = f64x2.add(n0, e0);
      n1 = f64x2.add(n1, e1);
      c0 = f64x2.add(c0, f64x2.sub(f64x2.mul(e0, v128.load64_splat(d, 24)), f64x2.mul(l, v128.load64_splat(d, 32))));
      c1 = f64x2.add(c1, f64x2.sub(f64x2.mul(e1, v128.load64_splat(d, 64)), f64x2.mul(l, v128.load64_splat(d, 72))));
    }
    const o = out + (<usize>t << 5);
    v128.store(o, n0);
    v128.store(o, c0, 16);
    v128.store(o, n1, 32);
    v128.store(o, c1, 48);
  }
}

/** Hill channels with a drawn margin: cell fields Y, Z1, BR, G, V, SP; scalars A, H, G, LS, LG, LV. */
export function hillGV(x: usize, n: i32, sv: usize, P: i32, tmp: usize, out: usize): void {
  // Scalars [a0 h0 g0 ls0 lg0 lv0 a1 h1 g1 ls1 lg1 lv1] → [A H G LS LG LV], each (draw 0, draw 1).
  for (let k = 0; k < n; k++) {
    const s = sv + <usize>k * 96;
    const u0 = v128.load(s);
    const u1 = v128.load(s, 16);
    const u2 = v128.load(s, 32);
    const w0 = v128.load(s, 48);
    const w1 = v128.load(s, 64);
    const w2 = v128.load(s, 80);
    const o = tmp + <usize>k * 96;
    v128.store(o, v128.shuffle<f64>(u0, w0, 0, 2));
    v128.store(o, v128.shuffle<f64>(u0, w0, 1, 3), 16);
    v128.store(o, v128.shuffle<f64>(u1, w1, 0, 2), 32);
    v128.store(o, v128.shuffle<f64>(u1, w1, 1, 3), 48);
    v128.store(o, v128.shuffle<f64>(u2, w2, 0, 2), 64);
    v128.store(o, v128.shuffle<f64>(u2, w2, 1, 3), 80);
  }
  const one = f64x2.splat(1.0);
  for (let t = 0; t < P; t += 2) {
    let n0 = f64x2.splat(0.0);
    let n1 = f64x2.splat(0.0);
    let c0 = f64x2.splat(0.0);
    let c1 = f64x2.splat(0.0);
    let d = x + <usize>(t * n * 6) * 8;
    let s = tmp;
    for (let k = 0; k < n; k++, d += 96, s += 96) {
      const a = v128.load(s);
      const h = v128.load(s, 16);
      const g = v128.load(s, 32);
      const ls = v128.load(s, 48);
      const lg = v128.load(s, 64);
      const lv = v128.load(s, 80);
      const p0 = f64x2.add(h, f64x2.mul(g, v128.load64_splat(d)));
      const p1 = f64x2.add(h, f64x2.mul(g, v128.load64_splat(d, 48)));
      const r = f64x2.div(one, f64x2.mul(p0, p1));
      const e0 = f64x2.add(f64x2.mul(a, v128.load64_splat(d, 16)), f64x2.mul(v128.load64_splat(d, 8), f64x2.mul(p1, r)));
      const e1 = f64x2.add(f64x2.mul(a, v128.load64_splat(d, 64)), f64x2.mul(v128.load64_splat(d, 56), f64x2.mul(p0, r)));
      n0 = f64x2.add(n0, e0);
      n1 = f64x2.add(n1, e1);
      const m0 = f64x2.sub(f64x2.mul(lg, v128.load64_splat(d, 24)), f64x2.mul(lv, v128.load64_splat(d, 32)));
      const m1 = f64x2.sub(f64x2.mul(lg, v128.load64_splat(d, 72)), f64x2.mul(lv, v128.load64_splat(d, 80)));
      c0 = f64x2.add(c0, f64x2.sub(f64x2.mul(e0, m0), f64x2.mul(ls, v128.load64_splat(d, 40))));
      c1 = f64x2.add(c1, f64x2.sub(f64x2.mul(e1, m1), f64x2.mul(ls, v128.load64_splat(d, 88))));
    }
    const o = out + (<usize>t << 5);
    v128.store(o, n0);
    v128.store(o, c0, 16);
    v128.store(o, n1, 32);
    v128.store(o, c1, 48);
  }
}

/** Where the caller may start laying out buffers (after the module's own static data). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
