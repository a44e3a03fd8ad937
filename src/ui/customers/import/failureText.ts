/** A failed preview or import in the user's words: every failure code has its own message. */
import type { CsvIssue } from '../../../engine/import/csv';
import { formatCount } from '../../../i18n/format';
import type { Failure } from '../../../state/customersImport.svelte';
import { i18n, t } from '../../../state/i18n.svelte';

type Described = Pick<Extract<Failure, { code: string }>, 'code'> & { issue?: CsvIssue; byteOffset?: number; names?: string[]; message?: string };

export function failureText(f: Described): string {
  const locale = i18n.locale;
  if (f.code === 'other') return t('cust.fail.other', { message: f.message ?? '' });
  if ((f.code === 'fatalCsv' || f.code === 'fatalSheet') && f.issue) {
    return t(f.code === 'fatalSheet' ? 'cust.fail.fatalSheet' : 'cust.fail.fatalCsv', { problem: t(`cust.csvIssue.${f.issue.code}`), row: formatCount(f.issue.row, locale), column: f.issue.column });
  }
  if (f.code === 'badEncoding' && f.byteOffset !== undefined) return t('cust.fail.badEncodingAt', { offset: formatCount(f.byteOffset, locale) });
  if (f.code === 'zipSeveral') return t('cust.fail.zipSeveral', { names: (f.names ?? []).join(', ') });
  return t(`cust.fail.${f.code}`);
}
