/** English messages of the printable report and smaller planner-day fixes. */
export const reportEn = {} as const;
