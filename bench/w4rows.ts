import type { Browser } from '@playwright/test';
import { type BenchRow } from './util';
import { measureW4 } from './w4';
import { measureW4Slider } from './w4slider';

/** The two W4 rows (a cell edit, a slider drag) as `npm run bench` reports them; also run alone by bench/w4-check.ts. */
export async function measureW4Rows(browser: Browser, url: string): Promise<BenchRow[]> {
  const w4 = await measureW4(browser, url);
  const edit: BenchRow = {
    id: 'W4', case: '50 channels x 36 periods (cell edit -> grid + charts painted)', ours_ms: w4.median, p95_ms: w4.p95,
    longest_frame_ms: w4.maxFrame, longest_frame_p95_ms: w4.maxFrameP95, samples: w4.samples.length,
    main_thread_task_p95_ms: w4.taskP95, main_thread_task_max_ms: w4.taskMax, main_thread_tasks_over_10ms: w4.tasksOver10, main_thread_tasks: w4.tasks, peer: null, peer_ms: null, ratio: null,
    goal: 'p95 input-to-paint <= 50 ms; main thread <= 10 ms a frame', met: w4.p95 <= 50 && w4.taskP95 <= 10,
  };
  const slider = await measureW4Slider(browser, url);
  const drag: BenchRow = {
    id: 'W4', case: '50 channels x 36 periods (slider drag -> grid + charts painted)', ours_ms: slider.median, p95_ms: slider.p95,
    longest_frame_ms: slider.longestFrame, longest_frame_p95_ms: slider.longestFrameP95, inputs: slider.inputs, paints: slider.paints,
    main_thread_task_p95_ms: slider.taskP95, main_thread_task_max_ms: slider.taskMax, main_thread_tasks_over_10ms: slider.tasksOver10, main_thread_tasks: slider.tasks,
    peer: null, peer_ms: null, ratio: null,
    goal: 'p95 input-to-paint <= 50 ms; main thread <= 10 ms a frame', met: slider.p95 <= 50 && slider.taskP95 <= 10,
  };
  return [edit, drag];
}
