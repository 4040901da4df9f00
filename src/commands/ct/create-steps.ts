// Pieces of `ct create`: the root password from stdin, the template (local, or downloaded from the
// node's appliance index once), and the parameters of `POST /nodes/{node}/lxc`.
import { apiPath } from '../../api/path.js';
import type { Region } from '../../config/types.js';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { acquireLock, regionLockPath } from '../../create/lock.js';
import { dnsParams, lxcNet0, type NetChoice } from '../../create/network.js';
import { remainingMs, runTask, type Session } from '../../create/session.js';
import { localCtTemplates, type OsSource, type StorageInfo } from '../../os/resolve.js';

export interface CtSettings {
  name: string;
  memMiB: number;
  cores: number;
  diskGiB: number;
  storage: string;
  bridge: string;
  unprivileged: boolean;
  password?: string;
  sshKeys: string[];
  tags: string[];
  pool?: string;
}

/** --password-stdin: the first line of stdin (a prompt without echo on a terminal); at least 5 characters. */
export async function readPassword(ctx: Context): Promise<string> {
  const raw = ctx.io.stdinTTY ? await ctx.prompt.secret('Root password for the container: ') : await ctx.readStdin();
  const password = raw.replace(/\r?\n$/, '');
  if (password.length < 5) throw new UsageError('--password-stdin: the password must be at least 5 characters long');
  if (/[\r\n]/.test(password)) throw new UsageError('--password-stdin: the password must be one line');
  return password;
}

export function ctCreateParams(
  vmid: number,
  ostemplate: string,
  c: CtSettings,
  region: Region,
  net: NetChoice,
): Record<string, string | number | boolean> {
  const p: Record<string, string | number | boolean> = {
    vmid,
    ostemplate,
    hostname: c.name,
    memory: c.memMiB,
    swap: 512,
    cores: c.cores,
    rootfs: `${c.storage}:${c.diskGiB}`,
    net0: lxcNet0(c.bridge, net),
    // QUIRKS E3: the server defaults to 1 on create whatever the schema says; say it either way
    unprivileged: c.unprivileged,
    ...dnsParams(region, net),
  };
  // what the web UI does for unprivileged containers (systemd in newer distributions needs it)
  if (c.unprivileged) p.features = 'nesting=1';
  if (c.password) p.password = c.password;
  // plain OpenSSH lines, not url-encoded (unlike qemu sshkeys)
  if (c.sshKeys.length > 0) p['ssh-public-keys'] = c.sshKeys.join('\n');
  if (c.tags.length > 0) p.tags = c.tags.join(';');
  if (c.pool) p.pool = c.pool;
  return p;
}

/** The template's volid on the node: a local one, else downloaded from the appliance index first (once). */
export async function ensureCtTemplate(
  s: Session,
  node: string,
  storages: StorageInfo[],
  sources: OsSource[],
): Promise<string> {
  const local = sources.find((x) => x.kind === 'local-template' && x.node === node);
  if (local?.volid) return local.volid;
  const download = sources.find((x) => x.kind === 'download' && x.appliance);
  if (!download?.appliance) throw new UsageError(`--os ${sources[0]?.os ?? ''}: no template for it on ${node}`);
  const fit = storages.filter((x) => x.active && x.content.includes('vztmpl'));
  const target = fit.find((x) => x.storage === 'local') ?? fit[0];
  if (!target) {
    throw new UsageError(`no storage on ${node} holds "vztmpl" content to download ${download.appliance} into`, {
      hint: 'Enable it on a file storage (e.g. pvesm set local --content iso,vztmpl,backup).',
    });
  }
  const volid = `${target.storage}:vztmpl/${download.appliance}`;
  const lockName = `${s.region.name}-${target.shared ? '' : `${node}-`}${target.storage}-${download.appliance}`;
  const lock = s.dryRun
    ? undefined
    : await acquireLock(s.ctx, regionLockPath(s.ctx.env, lockName), {
        timeoutMs: remainingMs(s, 'waiting for another download'),
      });
  try {
    if (lock && (await localCtTemplates(s.client, node)).some((x) => x.volid === volid)) return volid;
    const upid = await s.client.post<string | null>(apiPath`/nodes/${node}/aplinfo`, {
      storage: target.storage,
      template: download.appliance,
    });
    await runTask(s, `Downloading ${download.appliance} to ${target.storage} on ${node}`, upid);
    return volid;
  } finally {
    lock?.release();
  }
}
