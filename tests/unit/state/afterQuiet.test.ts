import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterQuiet } from '../../../src/state/afterQuiet';

describe('afterQuiet', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const settled = (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    return () => done;
  };

  it('resolves after the quiet time on a page left alone', async () => {
    const isDone = settled(afterQuiet(2000, new EventTarget()));
    await vi.advanceTimersByTimeAsync(1999);
    expect(isDone()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(isDone()).toBe(true);
  });

  it('waits while input keeps coming, and resolves once it stops for the quiet time', async () => {
    const page = new EventTarget();
    const isDone = settled(afterQuiet(2000, page));
    // An edit every 500 ms for 10 s: never 2 s of quiet.
    for (let t = 0; t < 10_000; t += 500) {
      page.dispatchEvent(new Event(['keydown', 'pointerdown', 'input', 'wheel', 'pointermove'][(t / 500) % 5]));
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(isDone()).toBe(false);
    await vi.advanceTimersByTimeAsync(1500);
    expect(isDone()).toBe(true);
  });

  it('stops listening once resolved', async () => {
    const page = new EventTarget();
    const removed: string[] = [];
    const remove = page.removeEventListener.bind(page);
    page.removeEventListener = (type: string, ...rest: [EventListenerOrEventListenerObject | null, (boolean | EventListenerOptions)?]) => {
      removed.push(type);
      remove(type, ...rest);
    };
    await Promise.all([afterQuiet(100, page), vi.advanceTimersByTimeAsync(100)]);
    expect(removed.sort()).toEqual(['input', 'keydown', 'pointerdown', 'pointermove', 'wheel']);
  });
});
