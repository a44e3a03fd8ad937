import type { Adjustment, Channel } from '../types';

/** Whether an adjustment's target picks the channel (by id, type, role or all), regardless of region. */
export function matchesTarget(ch: Channel, a: Pick<Adjustment, 'target'>): boolean {
  const t = a.target;
  switch (t.kind) {
    case 'all':
      return true;
    case 'type':
      return ch.type === t.type;
    case 'role':
      return ch.role === t.role;
    case 'channels':
      return (t.ids ?? []).includes(ch.id);
  }
}
