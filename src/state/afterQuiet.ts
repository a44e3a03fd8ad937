/**
 * Waiting for a pause in the user's input before starting background work that competes with it.
 * The first visit's offline copy (about 260 files fetched and stored by the service worker) takes a
 * few seconds of a core; on a two-core laptop, edits made meanwhile reached a p95 of 55–60 ms
 * instead of about 42 (bench W4, first visit). Started in a pause, it costs the user nothing.
 */

/** Input that means the user is working: typing, clicking, dragging, scrolling. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'input'] as const;

/**
 * Resolves once `target` has seen no input for `quietMs` milliseconds in a row (at once counted
 * from the call, so a page left alone starts the work after `quietMs`).
 */
export function afterQuiet(quietMs: number, target: EventTarget = window): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, quietMs);
    function poke(): void {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    }
    function done(): void {
      for (const type of INPUT_EVENTS) target.removeEventListener(type, poke, true);
      resolve();
    }
    for (const type of INPUT_EVENTS) target.addEventListener(type, poke, { capture: true, passive: true });
  });
}
