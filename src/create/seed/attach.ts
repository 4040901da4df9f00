// The seed on the cluster: which storage holds it (--iso-storage, the region default, else the
// first active storage with `iso` content on the node), its upload (`POST …/upload`, multipart)
// and attachment as a CD-ROM in place of Proxmox's own cloud-init drive, and its removal with the
// guest (vm delete, --rollback).
import type { PveClient } from '../../api/client.js';
import { getConfig, putConfig } from '../../api/guest-config.js';
import { primaryMac } from '../../api/ips.js';
import { deleteVolume, nodeStorages, uploadFile } from '../../api/storage.js';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { MiB, readFileBounded } from '../../lib/bounded-read.js';
import type { NewGuest } from '../steps.js';
import type { NetChoice } from '../network.js';
import { runTask, type Session } from '../session.js';
import { seedContents, seedFileName, seedImage } from './build.js';

/** The text of --user-data FILE ("-": stdin), read before anything is sent. */
export async function readUserData(ctx: Context, from: string): Promise<string> {
  try {
    return from === '-' ? await ctx.readStdin() : await readFileBounded(from, MiB, `--user-data ${from}`);
  } catch (err) {
    if (err instanceof UsageError) throw err; // too large: the bounded read names it
    throw new UsageError(`--user-data ${from}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export async function pickIsoStorage(s: Session, node: string, flag: string | undefined): Promise<string> {
  const wanted = flag ?? s.region.defaults.isoStorage;
  const fit = (await nodeStorages(s.client, node)).filter((x) => x.active && x.content.includes('iso'));
  if (wanted !== undefined) {
    if (fit.some((x) => x.storage === wanted)) return wanted;
    const from = flag !== undefined ? '--iso-storage' : "the region's default ISO storage";
    throw new UsageError(`${from} "${wanted}" is not an active storage with "iso" content on ${node}`, {
      hint: `Storages for ISO images there: ${fit.map((x) => x.storage).join(', ') || 'none'}.`,
    });
  }
  const first = fit[0];
  if (!first) {
    throw new UsageError(`no storage on ${node} holds "iso" content, where the cloud-init seed goes`, {
      hint: 'Enable it on a file storage (e.g. pvesm set local --content iso,vztmpl,import), or give --iso-storage.',
    });
  }
  return first.storage;
}

/**
 * Builds the guest's seed (its NIC matched by MAC once the VM exists), uploads it and puts it on a
 * CD-ROM slot; a cloud-init drive of Proxmox's (from a template) is removed in the same change.
 */
export async function attachSeed(
  s: Session,
  g: NewGuest,
  storage: string,
  userData: string,
  net: NetChoice,
): Promise<void> {
  const config = s.dryRun ? {} : await getConfig(s.client, g);
  const contents = seedContents(g.vmid, g.name, userData, {
    ip: net.ip,
    gateway: net.gateway,
    dns: net.dns,
    searchDomain: s.region.domain,
    mac: primaryMac('qemu', config),
  });
  const name = seedFileName(g.vmid);
  if (s.dryRun) s.ctx.io.stdout.write(`# user-data of ${name}:\n${userData}${userData.endsWith('\n') ? '' : '\n'}`);
  const upid = await uploadFile(s.client, g.node, storage, 'iso', { name, data: seedImage(contents) });
  if (upid !== null) (s.seeds ??= []).push({ node: g.node, volid: `${storage}:iso/${name}` });
  await runTask(s, `Uploading cloud-init seed ${name} to ${storage}`, upid);
  const drives = ['ide2', 'ide0', 'ide1', 'ide3'];
  const cloudinit = drives.find((k) => typeof config[k] === 'string' && (config[k] as string).includes('cloudinit'));
  const slot = drives.find((k) => config[k] === undefined) ?? cloudinit ?? 'ide2';
  const params: Record<string, string> = { [slot]: `${storage}:iso/${name},media=cdrom` };
  if (cloudinit && cloudinit !== slot) params.delete = cloudinit;
  await putConfig(s.client, g, params);
}

/** pvectl's seeds among a guest's drives (`local:iso/pvectl-seed-104.iso,media=cdrom`). */
export function seedVolumes(vmid: number, config: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const value of Object.values(config)) {
    const volid = typeof value === 'string' ? value.split(',')[0] : undefined;
    if (volid && volid.endsWith(`:iso/${seedFileName(vmid)}`)) out.push(volid);
  }
  return out;
}

/** Deletes seeds (after their guest); the UPIDs of the delete tasks. */
export async function removeSeeds(client: PveClient, seeds: Array<{ node: string; volid: string }>) {
  const upids: string[] = [];
  for (const { node, volid } of seeds) {
    const upid = await deleteVolume(client, node, volid.split(':')[0] ?? '', volid);
    if (upid) upids.push(upid);
  }
  return upids;
}
