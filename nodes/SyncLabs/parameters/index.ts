// The typed parameter reader of the three nodes: readParameter.ts reads, registry.ts gives each parameter its
// kind, coerce.ts holds each kind's rule, refusal.ts the sentence a refused value becomes.
export { isSetByExpression, readerFor, readOption, readParameter, type ParameterContext, type ParameterReader } from './readParameter';
export { fieldOf, kindOf } from './registry';
export { coerceField } from './coerce';
export { describeGiven } from './givenValue';
export { refusal } from './refusal';
export type { Field, Kind, KindName } from './kinds';
