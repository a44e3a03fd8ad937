/**
 * What the History tab needs to know about stored snapshots: their shape and how many automatic
 * ones are kept. The snapshots themselves are read and written through `app.snapshots`.
 */
export { MAX_AUTOMATIC_SNAPSHOTS, type SnapshotRecord, type SnapshotSummary } from '../persistence/snapshots';
