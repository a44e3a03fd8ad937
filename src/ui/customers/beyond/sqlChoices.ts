import type { SqlDialect } from '../../../engine/customers/sql';
import type { ReturnsPolicy } from '../../../engine/import/policies';

/** Product names of the SQL dialects, shown as they are in every language. */
export const DIALECT_TITLES: Record<SqlDialect, string> = { duckdb: 'DuckDB', spark: 'Spark SQL', bigquery: 'BigQuery' };

/** The returns policies a warehouse query offers, in the order the pick list shows them. */
export const SQL_RETURNS: readonly ReturnsPolicy[] = ['netOff', 'exclude', 'keep'];
