// `pvectl ct create`: wiring only. Every step of making a guest lives in src/create/ (ct-create.ts).
export type { CreateCtOptions } from '../../create/options.js';
export { createCt as run } from '../../create/ct-create.js';
