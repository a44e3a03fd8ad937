/** Template ids on their own, so the home screen lists them without loading the templates. */
export type TemplateId = 'beauty' | 'appliances' | 'industrial' | 'grocery' | 'blank';

/** In the order "New plan" offers them. */
export const TEMPLATE_IDS: readonly TemplateId[] = Object.freeze([
  'beauty',
  'appliances',
  'industrial',
  'grocery',
  'blank',
]);
