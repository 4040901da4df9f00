import type { NounCommand } from '../../program.js';
import { collect, type Runner } from '../runner.js';
import { addExamples } from '../examples.js';
import type { ApiOptions } from './call.js';

const METHODS: ReadonlyArray<ApiOptions['method']> = ['get', 'post', 'put', 'delete'];

export function register(api: NounCommand, runner: Runner): void {
  for (const method of METHODS) {
    api
      .command(`${method} <path>`)
      .description(
        `${method.toUpperCase()} /api2/json<path>, e.g. pvectl api ${method} ` +
          `${method === 'get' ? '/cluster/resources -d type=vm' : '/nodes/pve1/qemu/100/status/start'}`,
      )
      .option('-d, --data <key=value>', 'parameter (repeatable)', collect)
      .action((path, o, cmd) => runner(cmd, () => import('./call.js'), { method, path, data: o.data ?? [] }));
  }
  addExamples(api, {
    get: ['pvectl api get /cluster/resources -d type=vm', 'pvectl api get /nodes/pve1/status -o yaml'],
    post: [
      'pvectl api post /nodes/pve1/qemu/100/status/start',
      'pvectl api post /nodes/pve1/qemu/100/snapshot -d snapname=s1 --dry-run',
    ],
    put: ['pvectl api put /nodes/pve1/qemu/100/config -d cores=4 -d memory=4096'],
    delete: ['pvectl api delete /nodes/pve1/qemu/100/snapshot/s1'],
  });
}
