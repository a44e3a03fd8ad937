/**
 * Dates of Spring Festival (the first day of the lunar new year). It moves between 21 January and
 * 20 February, which decides whether the New-Year shopping peak falls in January or February: the
 * seasonality editor says where it falls in each year of a plan.
 */
const DATES: Readonly<Record<number, string>> = {
  2020: '01-25', 2021: '02-12', 2022: '02-01', 2023: '01-22', 2024: '02-10', 2025: '01-29',
  2026: '02-17', 2027: '02-06', 2028: '01-26', 2029: '02-13', 2030: '02-03', 2031: '01-23',
  2032: '02-11', 2033: '01-31', 2034: '02-19', 2035: '02-08', 2036: '01-28', 2037: '02-15',
  2038: '02-04', 2039: '01-24', 2040: '02-12',
};

/** Spring Festival of a year as `YYYY-MM-DD`, or null outside the years this table covers. */
export function springFestivalDate(year: number): string | null {
  const md = DATES[year];
  return md ? `${year}-${md}` : null;
}
