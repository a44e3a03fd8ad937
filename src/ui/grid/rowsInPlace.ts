import type { GridApi, IRowNode } from 'ag-grid-community';

/**
 * The columns whose cells can differ between two versions of a row with one id, or null for all.
 * A grid that knows which columns read which fields passes one, so that a changed figure redraws
 * only its own cells.
 */
export type ChangedColumns<Row> = (before: Row, after: Row) => readonly string[] | null;

/**
 * Hands the grid new rows without setting its `rowData` option, when they are the rows it shows —
 * the same ids in the same order, as after every edit and every result of a plan. Each row object
 * that is new replaces its node's data, and only its cells whose value or text changed are redrawn
 * (in the columns `changed` names, when given).
 *
 * Setting the option instead makes the grid diff the rows, run its whole row-model update, and redraw
 * every cell of each row with a new object. A result changes every channel's row (their share of
 * revenue), so that was every cell of the grid, twice per edit: once for the edit and once for its
 * result — with, after Enter, a forced layout each time to keep the focused row in view.
 *
 * Returns false, having changed nothing, for any other rows (added, removed, moved), which then go
 * through the option as before.
 */
export function updateRowsInPlace<Row>(api: GridApi<Row>, shown: readonly Row[], next: readonly Row[], idOf: (row: Row) => string, changed?: ChangedColumns<Row>): boolean {
  if (shown.length === 0 || shown.length !== next.length) return false;
  const nodes: IRowNode<Row>[] = [];
  const rows: Row[] = [];
  const columns: (readonly string[] | null)[] = [];
  for (let i = 0; i < next.length; i++) {
    if (next[i] === shown[i]) continue;
    const id = idOf(next[i]);
    const node = id === idOf(shown[i]) ? api.getRowNode(id) : undefined;
    if (!node || node.data !== shown[i]) return false;
    nodes.push(node);
    rows.push(next[i]);
    columns.push(changed ? changed(shown[i], next[i]) : null);
  }
  nodes.forEach((node, i) => (node.data = rows[i]));
  // One refresh per set of columns (a result: the edited channel's row whole, the others in the
  // column of their share of revenue). Cell class rules are applied again to each refreshed cell.
  const groups = new Map<string, { columns: readonly string[] | null; nodes: IRowNode<Row>[] }>();
  nodes.forEach((node, i) => {
    const cols = columns[i];
    if (cols !== null && cols.length === 0) return;
    const key = cols === null ? '' : cols.join('\u0000');
    const group = groups.get(key) ?? { columns: cols, nodes: [] };
    group.nodes.push(node);
    groups.set(key, group);
  });
  for (const { columns: cols, nodes: rowNodes } of groups.values()) api.refreshCells(cols === null ? { rowNodes } : { rowNodes, columns: [...cols] });
  return true;
}
