/** Three-way merge of plan versions from their common ancestor (docs/file-formats.md#lineage-and-three-way-merge). Pure. */
export { applyChoices, defaultSide, diff3, unsettled, type ItemDiff, type ItemMap, type ItemStatus, type Side } from './diff3';
export { ancestorsOf, MAX_LINEAGE, planContentText, relatedPlans, withAncestor } from './lineage';
export { allOf, applyPlanMerge, diffPlans, opsBetween, unsettledConflicts, type MergeChoices, type PlanMerge, type PlanMergeItem } from './mergePlans';
export { itemKeyOf, itemRef, planFromItems, planItems, splitChannels, type PlanItemKind, type PlanItemRef } from './planItems';
