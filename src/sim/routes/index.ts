// Every API route, in registration order (more specific paths are distinct, so order rarely matters).
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { accessRoutes } from './access.js';
import { clusterRoutes } from './cluster.js';
import { nodeRoutes } from './nodes.js';
import { guestReadRoutes } from './guest-read.js';
import { powerRoutes } from './power.js';
import { taskRoutes } from './tasks.js';

export function allRoutes(core: SimCore): RequestHandler[] {
  return [
    ...accessRoutes(core),
    ...clusterRoutes(core),
    ...nodeRoutes(core),
    ...guestReadRoutes(core),
    ...powerRoutes(core),
    ...taskRoutes(core),
  ];
}
