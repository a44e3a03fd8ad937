/**
 * What can be wrong with monthly actuals on the way in, as codes with parameters: the engine names
 * the row, column or series at fault; the message catalogues word it (`actuals.problem.<code>`).
 *
 * Errors stop the import; warnings are shown and the import may go on. Decisions (docs/model.md#actuals):
 * net revenue and units are net of returns, so a month of more returns than sales makes them
 * negative: warned about, kept; negative orders, customers or spend mean nothing and are refused. A gap is never a zero.
 */
export type ActualsProblemCode =
  // The shape of the table.
  | 'empty'
  | 'noHeader'
  | 'noChannelColumn'
  | 'noMonths'
  | 'noMeasure'
  | 'monthRangeTooLong'
  // Values.
  | 'badValue'
  | 'badMonth'
  | 'negativeRefused'
  | 'negativeNet'
  | 'duplicateRow'
  | 'emptyChannel'
  // Series.
  | 'monthsMissing'
  | 'allZero'
  // Names.
  | 'channelUnmatched'
  | 'channelLeftOut'
  | 'regionUnmatched'
  | 'regionLeftOut'
  | 'regionsSummed'
  | 'nothingToImport'
  // More of one kind than are listed.
  | 'moreProblems';

export type Severity = 'error' | 'warning';

export interface ActualsProblem {
  code: ActualsProblemCode;
  severity: Severity;
  params: Record<string, string | number>;
}

export const problem = (code: ActualsProblemCode, severity: Severity, params: ActualsProblem['params'] = {}): ActualsProblem => ({ code, severity, params });

export const hasErrors = (problems: readonly ActualsProblem[]): boolean => problems.some((p) => p.severity === 'error');
