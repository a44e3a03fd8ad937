export * from '../../../src/engine/elasticity';
export { Z90 } from '../../../src/engine/uncertainty/distributions';
