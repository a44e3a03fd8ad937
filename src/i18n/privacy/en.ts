/** English messages of privacy (pseudonymised customer exports). */
export const privacyEn = {
  'privacy.pseudonymise': 'Pseudonymise customer ids',
  'privacy.title': 'What this file shares (China’s Personal Information Protection Law, PIPL)',
  'privacy.on.contains': 'In the file: a token for each customer instead of the id (c_ and 16 characters), with the figures of the table — amounts, order counts, dates or days, scores and segments.',
  'privacy.on.notContains': 'Not in the file: the raw customer ids, and the plan’s key (salt) that makes the tokens. The key stays in this browser on this device; it is never put in plan files, exports or copies.',
  'privacy.on.reidentify': 'Who can re-identify: only this device, by recomputing the tokens from the raw ids with the plan’s key. A customer gets the same token in every export of this plan, so recipients can join lists on it, but they cannot turn a token back into an id. Another plan gives other tokens.',
  'privacy.on.law': 'Pseudonymised data is still personal information: PIPL art. 73 calls this de-identification (去标识化) — data that identifies no one without additional information — and art. 4 leaves out only anonymised data. Share the file for a stated purpose, with people who need it.',
  'privacy.off.contains': 'In the file: the raw customer ids, with amounts, order counts, dates or days, scores and segments. This is personal information under PIPL (art. 4): anyone with the file can link the rows to your customer records.',
  'privacy.off.advice': 'Keep pseudonymisation on unless the recipient needs the real ids (for example, to load a campaign list into your own CRM).',
  'privacy.already': 'The customer ids of this file are already tokens: they are exported as they are, not pseudonymised twice. Only the device that made them can link them back to customers.',
  'privacy.imported': 'The customer ids in this file are pseudonymised tokens (c_…). The analysis works the same; only the device that made the tokens can link them back to customers. The file is still personal information under PIPL.',
  'privacy.failed': 'The customer ids could not be pseudonymised, so nothing was exported: {message}',
  'privacy.collision': 'two customer ids give the same token',
} as const;
