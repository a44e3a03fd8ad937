/** Monthly actuals: reading tables and transactions into the plan's channel × region × month table. */
export * from './build';
export * from './completeMonths';
export * from './edit';
export * from './fold';
export * from './fromTransactions';
export * from './headers';
export * from './limits';
export * from './merge';
export * from './months';
export * from './names';
export * from './problems';
export * from './records';
export * from './table';
