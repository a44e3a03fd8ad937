/**
 * The plan templates offered on "New plan" (docs/model.md#templates), each built from the seeds' own examples.
 * A template is a pure function of its options: same options, equal plan; every call returns fresh
 * objects the caller may edit in place.
 */
import { appliancesTemplate } from './appliances';
import { beautyTemplate } from './beauty';
import { blankTemplate } from './blank';
import type { Template, TemplateOptions } from './build';
import { groceryTemplate } from './grocery';
import { industrialTemplate } from './industrial';
import type { Plan } from '../types';

export type { TemplateOptions } from './build';

import type { TemplateId } from './ids';
export { TEMPLATE_IDS, type TemplateId } from './ids';

const TEMPLATES: Readonly<Record<TemplateId, Template>> = {
  beauty: beautyTemplate,
  appliances: appliancesTemplate,
  industrial: industrialTemplate,
  grocery: groceryTemplate,
  blank: blankTemplate,
};


export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TEMPLATES, value);
}

export function createPlanFromTemplate(id: TemplateId, opts: TemplateOptions): Plan {
  // Ids can arrive from a URL or a stored setting, so check at run time too.
  if (!isTemplateId(id)) throw new Error(`Unknown plan template: ${String(id)}`);
  return TEMPLATES[id](opts);
}
