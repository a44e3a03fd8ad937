import type { EditStep } from '../engine/editHistory';

/**
 * The open plan's undo and redo stacks. One user action is one step; the stacks are plain data so
 * they can be saved with the plan.
 */
export class EditHistory {
  undoStack = $state.raw<EditStep[]>([]);
  redoStack = $state.raw<EditStep[]>([]);

  constructor(undo: EditStep[] = [], redo: EditStep[] = []) {
    this.undoStack = undo;
    this.redoStack = redo;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** A new action: it becomes the next undo, and whatever could be redone is gone. */
  record(step: EditStep): void {
    this.undoStack = [...this.undoStack, step];
    this.redoStack = [];
  }

  isLatest(step: EditStep | null): boolean {
    return step !== null && this.undoStack.at(-1) === step;
  }

  /** Takes the step to undo and moves it to the redo stack. */
  takeUndo(): EditStep | undefined {
    const last = this.undoStack.at(-1);
    if (!last) return undefined;
    this.undoStack = this.undoStack.slice(0, -1);
    this.redoStack = [...this.redoStack, last];
    return last;
  }

  /** Takes the step to redo and moves it back to the undo stack. */
  takeRedo(): EditStep | undefined {
    const last = this.redoStack.at(-1);
    if (!last) return undefined;
    this.redoStack = this.redoStack.slice(0, -1);
    this.undoStack = [...this.undoStack, last];
    return last;
  }
}
