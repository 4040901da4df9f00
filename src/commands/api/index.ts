import type { Command } from 'commander';
import { collect, type Runner } from '../runner.js';
import type { ApiOptions } from './call.js';

const METHODS = ['get', 'post', 'put', 'delete'] as const;

export function register(api: Command, runner: Runner): void {
  for (const method of METHODS) {
    api
      .command(`${method} <path>`)
      .description(
        `${method.toUpperCase()} /api2/json<path>, e.g. pvectl api ${method} ${method === 'get' ? '/cluster/resources -d type=vm' : '/nodes/pve1/qemu/100/status/start'}`,
      )
      .option('-d, --data <key=value>', 'parameter (repeatable)', collect)
      .action((path: string, o: { data?: string[] }, cmd: Command) =>
        runner<ApiOptions>(cmd, () => import('./call.js'), { method, path, data: o.data ?? [] }),
      );
  }
}
