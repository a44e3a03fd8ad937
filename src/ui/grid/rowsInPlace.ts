import type { GridApi, IRowNode } from 'ag-grid-community';

/**
 * Hands the grid new rows without setting its `rowData` option, when they are the rows it shows —
 * the same ids in the same order, as after every edit and every result of a plan. Each row object
 * that is new replaces its node's data, and only the cells whose value or text changed are redrawn.
 *
 * Setting the option instead makes the grid diff the rows, run its whole row-model update, and redraw
 * every cell of each row with a new object. A result changes every channel's row (their share of
 * revenue), so that was every cell of the grid, twice per edit: once for the edit and once for its
 * result — with, after Enter, a forced layout each time to keep the focused row in view.
 *
 * Naming the columns each row's change can reach, to refresh only those, was tried and dropped: in
 * four alternating runs an edit's median input-to-paint was about 10 ms slower with it, for reasons
 * not found; the grid's comparison of each cell's value and text already skips the unchanged ones.
 *
 * Returns false, having changed nothing, for any other rows (added, removed, moved), which then go
 * through the option as before.
 */
export function updateRowsInPlace<Row>(api: GridApi<Row>, shown: readonly Row[], next: readonly Row[], idOf: (row: Row) => string): boolean {
  if (shown.length === 0 || shown.length !== next.length) return false;
  const nodes: IRowNode<Row>[] = [];
  const rows: Row[] = [];
  for (let i = 0; i < next.length; i++) {
    if (next[i] === shown[i]) continue;
    const id = idOf(next[i]);
    const node = id === idOf(shown[i]) ? api.getRowNode(id) : undefined;
    if (!node || node.data !== shown[i]) return false;
    nodes.push(node);
    rows.push(next[i]);
  }
  nodes.forEach((node, i) => (node.data = rows[i]));
  // Cell class rules are applied again to every refreshed cell, changed or not (ag-grid's refreshCell).
  if (nodes.length > 0) api.refreshCells({ rowNodes: nodes });
  return true;
}
