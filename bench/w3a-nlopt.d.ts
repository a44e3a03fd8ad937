// Types for the part of nlopt-js (NLopt compiled to WebAssembly) that the W3a benchmark uses.
// The package ships none; see its src/cpp/Optimize.h for what each call maps to.
declare module 'nlopt-js' {
  /** x and grad are views on the wasm heap, valid only during the call; grad is null when not wanted. */
  type ScalarFunction = (x: Float64Array, grad: Float64Array | null) => number;

  interface Optimize {
    setLowerBounds(lb: number[]): void;
    setUpperBounds(ub: number[]): void;
    /** The second argument is NLopt's xtol_rel. */
    setMinObjective(f: ScalarFunction, xtolRel: number): void;
    setMaxObjective(f: ScalarFunction, xtolRel: number): void;
    addInequalityConstraint(f: ScalarFunction, tol: number): void;
    addEqualityConstraint(f: ScalarFunction, tol: number): void;
    setMaxeval(n: number): void;
    setMaxtime(seconds: number): void;
    /** On failure NLopt's exception is printed and `success` is false (x is then not returned). */
    optimize(x0: number[]): { success: boolean; x: number[]; value: number };
  }

  const nlopt: {
    ready: Promise<void>;
    Optimize: new (algorithm: number, n: number) => Optimize;
    Algorithm: Record<string, number>;
    GC: { flush(): void };
  };
  export default nlopt;
}
