import { CustomEditorModule, ModuleRegistry, type ICellEditorComp, type ICellEditorParams } from 'ag-grid-community';
import { mount, unmount } from 'svelte';
import type { AdjustmentTarget, Plan } from '../../engine/types';
import type { AdjustmentRow } from './adjustmentColumns';
import TargetPicker from './TargetPicker.svelte';

// The target cell is the one grid cell with an editor of the app's own.
ModuleRegistry.registerModules([CustomEditorModule]);

/**
 * A picked target travels to the column's parser as text (the grid's edit path is text, like a
 * paste), in a form no channel name takes: a JSON object.
 */
export function encodeTarget(target: AdjustmentTarget): string {
  return JSON.stringify(target);
}

function sameTarget(a: AdjustmentTarget, b: AdjustmentTarget): boolean {
  return encodeTarget(a) === encodeTarget(b);
}

export interface TargetEditorParams {
  plan: Plan;
}

/** The target picker as an ag-grid popup cell editor. */
export class TargetEditor implements ICellEditorComp<AdjustmentRow> {
  #gui = document.createElement('div');
  #value: unknown = null;
  #app: Record<string, unknown> | null = null;

  init(params: ICellEditorParams<AdjustmentRow> & TargetEditorParams): void {
    const original = params.data?.adj.target ?? { kind: 'all' };
    // Unchanged (or nothing usable picked) keeps the cell's own value, so the grid records no edit.
    this.#value = params.value;
    this.#app = mount(TargetPicker, {
      target: this.#gui,
      props: {
        plan: params.plan,
        target: original,
        onchange: (picked: AdjustmentTarget | null) => {
          this.#value = picked && !sameTarget(picked, original) ? encodeTarget(picked) : params.value;
        },
        onapply: () => params.stopEditing(),
        oncancel: () => params.stopEditing(true),
      },
    });
  }

  getGui(): HTMLElement {
    return this.#gui;
  }

  getValue(): unknown {
    return this.#value;
  }

  isPopup(): boolean {
    return true;
  }

  afterGuiAttached(): void {
    this.#gui.querySelector<HTMLInputElement>('input:checked, input')?.focus();
  }

  destroy(): void {
    if (this.#app) void unmount(this.#app);
    this.#app = null;
  }
}
