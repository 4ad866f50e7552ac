/**
 * The model's parameters, one file per group of submodels under params/. This is their single home:
 * defaults, ranges, units and descriptions live there and nowhere else; the scenario schema
 * (scenario.ts) puts the groups together.
 */
export { landscapeSchema, organisationsSchema, partnersSchema } from './params/world.js';
export { portfolioSchema, searchSchema, transferSchema } from './params/behaviour.js';
export { sliSchema } from './params/sli.js';
export { firmsSchema, marketSchema } from './params/market.js';
export { outputsSchema, surveySchema } from './params/observation.js';
