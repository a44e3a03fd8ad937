import { generateSyntheticPlan } from '../src/engine/synthetic';
import { prepareMonteCarlo, runMonteCarloChunk } from '../src/engine/uncertainty';
const plan = generateSyntheticPlan({ channels: 200, periods: 60, seed: 42, withOverrides: true });
const shapes: any = { conversion: 'triangular', aov: 'normal', spend: 'lognormal' };
const uncertainty = plan.channels.flatMap((ch: any) => (['conversion', 'aov', 'spend'] as const).map((driver) => ({
  id: `${ch.id}-${driver}`, channelId: ch.id, driver, low: ch.drivers[driver].base * 0.8, high: ch.drivers[driver].base * 1.2, distribution: shapes[driver] })));
const model = prepareMonteCarlo(plan, { scenarioId: null, uncertainty });
console.log('groups', model.groups.map(g => g.channels.length), 'general', model.generalChannels.length, 'lin', model.linCount);
const ts: number[] = [];
let chk = 0;
for (let i = 0; i < 9; i++) { const t = performance.now(); const c = runMonteCarloChunk(model, 1, 0, 10000); ts.push(performance.now() - t); chk += c.totalContribution[5]; }
ts.sort((a, b) => a - b);
console.log('median', ts[4].toFixed(1), 'min', ts[0].toFixed(1), chk);
