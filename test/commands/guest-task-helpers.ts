// Shared by the clone, migrate and snapshot tests: the writes the simulator saw, a task that is
// accepted and then fails, and a scripted answer to confirmations.
import { http, HttpResponse } from 'msw';
import { SIM_URL, type InProcessSim } from '../helpers/cli.js';
import type { Prompt } from '../../src/context.js';
import { TaskFailure } from '../../sim/src/tasks.js';

export function writes(s: InProcessSim): string[] {
  return s.sim.requestLog
    .filter((e) => e.method !== 'GET')
    .map((e) => `${e.method} ${e.path} ${JSON.stringify(e.params)}`);
}

/**
 * The next `method` on `path` (an msw pattern under /api2/json with :node and :vmid) is accepted
 * with a UPID and its task then fails with `message`, as real ones do (QUIRKS D1).
 */
export function failNextTask(
  s: InProcessSim,
  method: 'post' | 'delete',
  path: string,
  type: string,
  message: string,
): void {
  s.server.use(
    http[method](
      `${SIM_URL}/api2/json${path}`,
      ({ params }) => {
        const task = s.sim.tasks.start({
          node: String(params.node),
          type,
          id: String(params.vmid ?? ''),
          who: { user: 'root@pam', tokenid: 'pvectl', authid: 'root@pam!pvectl', privs: '*', via: 'token' },
          run: () => {
            throw new TaskFailure(message);
          },
        });
        return HttpResponse.json({ data: task.upid });
      },
      { once: true },
    ),
  );
}

export function answer(yes: boolean, asked: string[]): Prompt {
  return {
    confirm: async (q) => (asked.push(q), yes),
    secret: async () => '',
  };
}
