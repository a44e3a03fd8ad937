/** Written into every plan file (docs/file-formats.md#plan-file); a unit test keeps the version equal to package.json's. */
export const APP_INFO = { name: 'channel-mix-planner', version: '0.1.0' } as const;
