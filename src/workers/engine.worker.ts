import * as Comlink from 'comlink';
import type { Plan } from '../engine/types';
import { engineApi, resultBuffers, type ComputeOutput } from './engineApi';

// The exposed object transfers result buffers instead of cloning them.
const exposed: typeof engineApi = {
  compute(plan: Plan): ComputeOutput {
    const out = engineApi.compute(plan);
    return Comlink.transfer(out, resultBuffers(out.result));
  },
};

Comlink.expose(exposed);
