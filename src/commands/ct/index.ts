import type { Command } from 'commander';
import { parseDiskGiB, parseMemoryMiB } from '../../lib/sizes.js';
import { registerGuestVerbs } from '../guest/register.js';
import { collect, positiveInt, type Runner } from '../runner.js';
import type { CreateCtOptions } from './create.js';

export function register(ct: Command, runner: Runner): void {
  registerGuestVerbs(ct, 'lxc', runner);

  ct.command('create <name>')
    .description('create a container from an OS name (downloading the template when needed), start it and print its IP')
    .requiredOption('--os <os>', 'OS family or family-version (e.g. debian, alpine-3.22); see `pvectl os list --type ct`')
    .option('--mem <size>', 'memory (default 512M; plain number: MiB)', (v) => parseMemoryMiB(v))
    .option('--cores <n>', 'CPU cores (default 1)', positiveInt('--cores', 8192))
    .option('--disk <size>', 'root disk size (default 8G; plain number: GiB)', (v) => parseDiskGiB(v))
    .option('--node <node>', 'node to create it on (default: region default, else the least loaded)')
    .option('--storage <storage>', 'storage for the root disk (default: region default, else local-lvm)')
    .option('--bridge <bridge>', 'network bridge (default: region default, else vmbr0)')
    .option('--ip <ip>', 'dhcp (default), auto (the region IP pool) or ADDR/PREFIX')
    .option('--gw <addr>', 'gateway for a static --ip')
    .option('--ssh-key <file>', 'public key file for root (repeatable; default ~/.ssh/id_*.pub)', collect)
    .option('--password-stdin', 'read the root password from stdin')
    .option('--unprivileged', 'create an unprivileged container (the default)')
    .option('--no-unprivileged', 'create a privileged container (needs Sys.Modify on /)')
    .option('--tag <tag>', 'tag (repeatable)', collect)
    .option('--pool <pool>', 'resource pool (default: region default)')
    .option('--vmid <id>', 'use this VMID instead of the next free one', positiveInt('--vmid', 999_999_999))
    .option('--no-start', 'leave it stopped')
    .option('--rollback', 'remove the container again if a step after its creation fails')
    .action((name: string, o: Record<string, unknown>, cmd: Command) =>
      runner<CreateCtOptions>(cmd, () => import('./create.js'), {
        name,
        os: o.os as string,
        memMiB: o.mem as number | undefined,
        cores: o.cores as number | undefined,
        diskGiB: o.disk as number | undefined,
        node: o.node as string | undefined,
        storage: o.storage as string | undefined,
        bridge: o.bridge as string | undefined,
        ip: o.ip as string | undefined,
        gw: o.gw as string | undefined,
        sshKeys: (o.sshKey as string[] | undefined) ?? [],
        passwordStdin: o.passwordStdin === true,
        unprivileged: o.unprivileged !== false,
        tags: (o.tag as string[] | undefined) ?? [],
        pool: o.pool as string | undefined,
        vmid: o.vmid as number | undefined,
        start: o.start !== false,
        rollback: o.rollback === true,
      }),
    );
}
