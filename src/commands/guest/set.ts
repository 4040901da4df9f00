// set: changes what may change after creation through one PUT …/config. Values were checked while
// parsing; what needs the current config (a NIC to change, a tag to remove) is checked here, before
// anything is sent. Afterwards …/pending tells which change waits for a reboot.
import type { Context } from '../../context.js';
import { kindLabel, type GuestKind } from '../../api/guests.js';
import { getConfig, putConfig } from '../../api/guest-config.js';
import { UsageError } from '../../errors.js';
import { markPending, notePending, printChanges, type Change } from './changes.js';
import { planSet } from './set-plan.js';
import { resolveGuest } from './targets.js';

export interface SetOptions {
  kind: GuestKind;
  guest: string;
  name?: string;
  description?: string;
  tags: string[];
  untags: string[];
  onboot?: boolean;
  protection?: boolean;
  cores?: number;
  memMiB?: number;
  cpuType?: string;
  netBridge?: string;
  netVlan?: number;
  agent?: boolean;
  startup?: string;
}

const FLAGS: Array<keyof SetOptions> = [
  'name',
  'description',
  'onboot',
  'protection',
  'cores',
  'memMiB',
  'cpuType',
  'netBridge',
  'netVlan',
  'agent',
  'startup',
];

export async function run(ctx: Context, opts: SetOptions): Promise<void> {
  if (!FLAGS.some((f) => opts[f] !== undefined) && !opts.tags.length && !opts.untags.length) {
    throw new UsageError('say what to change, e.g. --name NAME, --tag T, --onboot, --cores N (see --help)');
  }
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  const config = await getConfig(client, g);
  const { params, changes } = planSet(g, config, opts);
  if (changes.length === 0) {
    ctx.info(`${kindLabel(g.type)} ${g.vmid} ${g.name} already has these settings; nothing to change`);
    return;
  }
  await putConfig(client, g, params);
  if (ctx.globals.dryRun) return;
  const shown: Change[] = changes.map((c) => ({ ...c, pending: false }));
  await markPending(ctx, g, shown);
  await printChanges(ctx, g, shown);
  notePending(ctx, g, shown);
}
