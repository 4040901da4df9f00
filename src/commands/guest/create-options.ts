// The options vm create and ct create share: declared once, read once. Each kind adds its own.
import type { NounCommand } from '../../program.js';
import type { CreateOptions } from '../../create/options.js';
import { parseDiskGiB, parseMemoryMiB } from '../../lib/sizes.js';
import { collect, positiveInt, vmid } from '../runner.js';

export type { CreateOptions } from '../../create/options.js';

export interface CreateHelp {
  description: string;
  osExample: string;
  osList: string;
  mem: string;
  cores: string;
  disk: string;
  keyOwner: string;
  what: string;
}

export function declareCreate(noun: NounCommand, help: CreateHelp) {
  return noun
    .command('create <name>')
    .description(help.description)
    .requiredOption('--os <os>', `OS family or family-version (e.g. ${help.osExample}); see \`${help.osList}\``)
    .option('--mem <size>', `memory (default ${help.mem}; plain number: MiB)`, (v) => parseMemoryMiB(v))
    .option('--cores <n>', `CPU cores (default ${help.cores})`, positiveInt('--cores', 8192))
    .option(
      '--disk <size>',
      `${help.what === 'VM' ? 'boot' : 'root'} disk size (default ${help.disk}; plain number: GiB)`,
      (v) => parseDiskGiB(v),
    )
    .option('--node <node>', 'node to create it on (default: region default, else the least loaded)')
    .option('--storage <storage>', 'storage for the disks (default: region default, else local-lvm)')
    .option('--bridge <bridge>', 'network bridge (default: region default, else vmbr0)')
    .option('--ip <ip>', 'dhcp (default), auto (the region IP pool) or ADDR/PREFIX')
    .option('--gw <addr>', 'gateway for a static --ip')
    .option('--ssh-key <file>', `public key file for ${help.keyOwner} (repeatable; default ~/.ssh/id_*.pub)`, collect)
    .option('--tag <tag>', 'tag (repeatable)', collect)
    .option('--pool <pool>', 'resource pool (default: region default)')
    .option('--vmid <id>', 'use this VMID instead of the next free one', vmid('--vmid'))
    .option('--no-start', 'leave it stopped')
    .option(
      '--rollback',
      `remove the ${help.what === 'VM' ? 'VM' : 'container'} again if a step after its creation fails`,
    );
}

/** The shared create flags as commander parses them (typed from the declarations above). */
export type CreateFlags = ReturnType<ReturnType<typeof declareCreate>['opts']>;

export function createOptionsOf(name: string, o: CreateFlags): CreateOptions {
  return {
    name,
    os: o.os,
    memMiB: o.mem,
    cores: o.cores,
    diskGiB: o.disk,
    node: o.node,
    storage: o.storage,
    bridge: o.bridge,
    ip: o.ip,
    gw: o.gw,
    sshKeys: o.sshKey ?? [],
    tags: o.tag ?? [],
    pool: o.pool,
    vmid: o.vmid,
    start: o.start !== false,
    rollback: o.rollback === true,
  };
}
