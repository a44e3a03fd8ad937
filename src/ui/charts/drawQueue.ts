/**
 * Chart redraws, one chart per task. An edit updates the grid, the KPI tiles and every chart of
 * the view; drawn in the same task they make one long task that holds up input (the main thread's
 * frame budget). Each chart's new option is queued here instead and drawn in a task of its own,
 * posted through a MessageChannel (no timer clamping), so that input and paint can run between
 * them. A chart with a draw still queued gets only its newest option.
 */
type Job = () => void;

const pending = new Map<object, Job>();
let channel: MessageChannel | null = null;
let posted = false;

function runOne(): void {
  posted = false;
  const next = pending.entries().next();
  if (next.done) return;
  const [key, job] = next.value;
  pending.delete(key);
  if (pending.size > 0) post();
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
  pending.delete(key);
  pending.set(key, job);
  post();
}

/** Forgets a queued draw (the chart is going away). */
export function cancelDraw(key: object): void {
  pending.delete(key);
}
