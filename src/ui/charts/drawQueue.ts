/**
 * Chart redraws, one chart per task. An edit updates the grid, the KPI tiles and every chart of
 * the view; drawn in the same task they make one long task that holds up input (the main thread's
 * frame budget). Each chart's new option is queued here instead and drawn in a task of its own,
 * posted through a MessageChannel (no timer clamping), so that input and paint can run between
 * them. A chart with a draw still queued gets only its newest option.
 *
 * While results stream in (a slider dragged), a chart redraws at most once every MIN_GAP_MS: a
 * chart draw is the longest task of an update, and drawing every intermediate position would fill
 * the main thread with them while the grid and KPI tiles, which are cheap, follow every position.
 * The last position is always drawn, at most MIN_GAP_MS after the one before.
 */
type Job = () => void;

export const MIN_GAP_MS = 80;

const pending = new Map<object, Job>();
/** When each chart last drew (performance.now()), for the gap between draws of a stream. */
const drawnAt = new WeakMap<object, number>();
/** Charts waiting for their gap to pass: the timer that will queue them, and their newest draw. */
const waiting = new Map<object, ReturnType<typeof setTimeout>>();
const held = new Map<object, Job>();
let channel: MessageChannel | null = null;
let posted = false;

function runOne(): void {
  posted = false;
  const next = pending.entries().next();
  if (next.done) return;
  const [key, job] = next.value;
  pending.delete(key);
  if (pending.size > 0) post();
  drawnAt.set(key, performance.now());
  job();
}

function post(): void {
  if (posted) return;
  posted = true;
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = runOne;
  }
  channel.port2.postMessage(null);
}

/** Draws `job` for `key` (one chart) in a task of its own, replacing a draw of it still queued. */
export function drawSoon(key: object, job: Job): void {
  if (pending.has(key)) {
    // Already queued: it draws this newer option instead.
    pending.set(key, job);
    return;
  }
  if (waiting.has(key)) {
    // Its gap has not passed yet: the timer draws this newest option.
    held.set(key, job);
    return;
  }
  const since = performance.now() - (drawnAt.get(key) ?? -Infinity);
  if (since >= MIN_GAP_MS) {
    pending.set(key, job);
    post();
    return;
  }
  held.set(key, job);
  waiting.set(
    key,
    setTimeout(() => {
      waiting.delete(key);
      const next = held.get(key);
      held.delete(key);
      if (!next) return;
      pending.set(key, next);
      post();
    }, MIN_GAP_MS - since),
  );
}

/** Forgets a queued draw (the chart is going away). */
export function cancelDraw(key: object): void {
  pending.delete(key);
  held.delete(key);
  const timer = waiting.get(key);
  if (timer !== undefined) clearTimeout(timer);
  waiting.delete(key);
}
