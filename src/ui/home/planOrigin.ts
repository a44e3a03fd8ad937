/** Where a stored plan came from, as the plan list says it: what tells two plans of one name apart. */
import { formatDate } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';

export function planOriginText(p: { origin?: { fileName: string; at: number }; createdAt: number }, locale: string): string {
  return p.origin ? t('home.importedFrom', { file: p.origin.fileName, date: formatDate(p.origin.at, locale) }) : t('home.created', { date: formatDate(p.createdAt, locale) });
}
