/**
 * Writes the plan-file fixtures. Run once when a format version is released and commit the output:
 *
 *   npx tsx tests/unit/planFile/writeFixtures.ts
 *
 * Never regenerate the file of a released version afterwards: it stands for the files users have.
 */
import { writeFileSync } from 'node:fs';
import { CURRENT_FORMAT_VERSION, serialisePlanFile } from '../../../src/engine/planFile';
import { FIXTURE_APP, beautyFixturePlan } from './fixturePlans';

const dir = new URL('../../fixtures/planFiles/', import.meta.url);
const current = serialisePlanFile(beautyFixturePlan(), FIXTURE_APP);
writeFileSync(new URL(`v${CURRENT_FORMAT_VERSION}-beauty.cmplan.json`, dir), current);

// A file from a future version: a field this version does not know, under a higher formatVersion.
const newer = JSON.parse(current) as { formatVersion: number; plan: Record<string, unknown> };
newer.formatVersion = CURRENT_FORMAT_VERSION + 1;
newer.plan.workshopLayouts = [{ id: 'layout-1', sliders: ['adj-live-spend'] }];
writeFileSync(new URL(`v${CURRENT_FORMAT_VERSION + 1}-newer.cmplan.json`, dir), `${JSON.stringify(newer, null, 2)}\n`);
