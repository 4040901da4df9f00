// `pvectl vm create`: wiring only. Every step of making a guest lives in src/create/ (vm-create.ts).
export type { CreateVmOptions } from '../../create/options.js';
export { createVm as run } from '../../create/vm-create.js';
