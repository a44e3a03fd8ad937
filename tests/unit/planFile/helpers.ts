import { readFileSync } from 'node:fs';
import { serialisePlanFile } from '../../../src/engine/planFile';
import type { Plan } from '../../../src/engine/types';
import { FIXTURE_APP, beautyFixturePlan } from './fixturePlans';

export const APP = FIXTURE_APP;

export function fileOf(plan: Plan = beautyFixturePlan()): string {
  return serialisePlanFile(plan, APP);
}

/**
 * A file changed as JSON (for files a user or another tool edited by hand). The file is untyped on
 * purpose: the tests put wrong types into it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

export function edit(text: string, change: (file: LooseJson) => void): string {
  const file = JSON.parse(text) as LooseJson;
  change(file);
  return JSON.stringify(file, null, 2);
}

export function readFixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/planFiles/${name}`, import.meta.url), 'utf8');
}
