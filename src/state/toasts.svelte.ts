import { t } from './i18n.svelte';

export interface Toast {
  id: number;
  text: string;
  /** Info closes by itself; a warning (a result worth checking) and an error stay until closed. */
  kind: 'info' | 'warning' | 'error';
  action?: { label: string; run: () => void };
}

/** Short messages at the bottom of the screen; errors stay until closed. */
export class Toasts {
  items = $state.raw<Toast[]>([]);
  #next = 1;

  show(text: string, kind: Toast['kind'] = 'info', action?: Toast['action'], ms = 6000): number {
    const id = this.#next++;
    this.items = [...this.items.slice(-3), { id, text, kind, action }];
    if (kind === 'info') setTimeout(() => this.close(id), ms);
    return id;
  }

  /**
   * A message with an Undo button. `undo` returns false when later edits make it unsafe; the user is
   * then pointed to the undo history instead.
   */
  offerUndo(text: string, undo: () => boolean): void {
    this.show(text, 'info', {
      label: t('toast.undo'),
      run: () => {
        if (!undo()) this.show(t('toast.undoStale'), 'error');
      },
    }, 10_000);
  }

  close(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
