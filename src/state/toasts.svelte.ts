export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
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

  close(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
