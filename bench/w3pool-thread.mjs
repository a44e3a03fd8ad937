// Loads the TypeScript pool thread under tsx: a worker thread does not inherit tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./w3pool-worker.ts');
