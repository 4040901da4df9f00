import type { Command } from 'commander';
import { parseDiskGiB, parseMemoryMiB } from '../../lib/sizes.js';
import { registerGuestVerbs } from '../guest/register.js';
import { collect, positiveInt, type Runner } from '../runner.js';
import type { CreateVmOptions } from './create.js';

export function register(vm: Command, runner: Runner): void {
  registerGuestVerbs(vm, 'qemu', runner);

  vm.command('create <name>')
    .description('create a VM from an OS name (template clone or cloud image), start it and print its IP')
    .requiredOption('--os <os>', 'OS family or family-version (e.g. debian, ubuntu-24.04); see `pvectl os list`')
    .option('--mem <size>', 'memory (default 2G; plain number: MiB)', (v) => parseMemoryMiB(v))
    .option('--cores <n>', 'CPU cores (default 2)', positiveInt('--cores', 8192))
    .option('--disk <size>', 'boot disk size (default 20G; plain number: GiB)', (v) => parseDiskGiB(v))
    .option('--node <node>', 'node to create it on (default: region default, else the least loaded)')
    .option('--storage <storage>', 'storage for the disks (default: region default, else local-lvm)')
    .option('--bridge <bridge>', 'network bridge (default: region default, else vmbr0)')
    .option('--ip <ip>', 'dhcp (default), auto (the region IP pool) or ADDR/PREFIX')
    .option('--gw <addr>', 'gateway for a static --ip')
    .option('--ssh-key <file>', 'public key file for the default user (repeatable; default ~/.ssh/id_*.pub)', collect)
    .option('--user <name>', 'cloud-init user (default: the image default user)')
    .option('--tag <tag>', 'tag (repeatable)', collect)
    .option('--pool <pool>', 'resource pool (default: region default)')
    .option('--vmid <id>', 'use this VMID instead of the next free one', positiveInt('--vmid', 999_999_999))
    .option('--no-start', 'leave it stopped')
    .option('--rollback', 'remove the VM again if a step after its creation fails')
    .action((name: string, o: Record<string, unknown>, cmd: Command) =>
      runner<CreateVmOptions>(cmd, () => import('./create.js'), {
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
        user: o.user as string | undefined,
        tags: (o.tag as string[] | undefined) ?? [],
        pool: o.pool as string | undefined,
        vmid: o.vmid as number | undefined,
        start: o.start !== false,
        rollback: o.rollback === true,
      }),
    );
}
