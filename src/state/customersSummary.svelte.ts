/**
 * The customer summary computed where the data lives (the SQL of the Beyond panel), imported and
 * analysed in the customers worker. The result is held here only — it is not stored with the plan.
 */
import type { SummaryAnalysis } from '../engine/customers/summaryAnalysis';
import type { SummaryProblem } from '../engine/customers/summaryCsv';
import { importSummary } from '../workers/customersClient';
import { customersErrorText } from './customersTask.svelte';

export type SummaryFailure =
  | { kind: 'problems'; fileName: string; problems: readonly SummaryProblem[]; count: number }
  | { kind: 'tooLarge'; fileName: string; size: number; max: number }
  | { kind: 'error'; fileName: string; message: string };

export class SummaryImport {
  reading = $state(false);
  result = $state.raw<{ fileName: string; analysis: SummaryAnalysis } | null>(null);
  failure = $state.raw<SummaryFailure | null>(null);

  async import(file: File): Promise<void> {
    if (this.reading) return;
    this.result = null;
    this.failure = null;
    this.reading = true;
    try {
      const outcome = await importSummary(file);
      if (outcome.kind === 'done') this.result = { fileName: file.name, analysis: outcome.analysis };
      else if (outcome.kind === 'tooLarge') this.failure = { kind: 'tooLarge', fileName: file.name, size: outcome.size, max: outcome.max };
      else this.failure = { kind: 'problems', fileName: file.name, problems: outcome.problems, count: outcome.problemCount };
    } catch (e) {
      this.failure = { kind: 'error', fileName: file.name, message: customersErrorText(e) };
    } finally {
      this.reading = false;
    }
  }
}
