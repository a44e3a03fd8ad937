// ECharts' development build looks for `window`, or else Node's `global`: a worker has neither, only
// `self`. Imported before ECharts; the production build does not look.
const scope = globalThis as { global?: unknown };
scope.global ??= globalThis;
export {};
