// Where each guest lived when last seen (issue 13): VMID → node, kind and name, one small file per
// region in the user's cache dir. It only saves the read of /cluster/resources: a hint is never
// shown to the user and never trusted without the call made anyway (locate.ts checks it). A file
// that is missing, corrupt, too large or unwritable is simply not used.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readSync, closeSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { GuestKind } from '../../api/guests.js';
import { cacheDir } from '../completion/cache.js';

/** The most recently seen guests kept; a file stays below ~100 KB. */
export const MAX_HINTS = 2000;
const MAX_FILE_BYTES = 256 * 1024;

export interface Hint {
  vmid: number;
  node: string;
  type: GuestKind;
  name: string;
}

type Env = Record<string, string | undefined>;

/** One file per region: its name and URL, so a region re-pointed at another cluster starts afresh. */
export function hintFile(env: Env, region: { name: string; url: string }): string | undefined {
  const dir = cacheDir(env);
  if (!dir) return undefined;
  const key = createHash('sha256').update(`${region.name}\0${region.url}`).digest('hex').slice(0, 24);
  return join(dir, `guests-${key}.json`);
}

/** The file's text, or undefined when it is missing, unreadable or too large. */
function readText(file: string): string | undefined {
  try {
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(MAX_FILE_BYTES + 1);
    let size: number;
    try {
      size = readSync(fd, buf, 0, buf.length, 0);
    } finally {
      closeSync(fd);
    }
    return size > MAX_FILE_BYTES ? undefined : buf.subarray(0, size).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The hints, oldest first; [] for anything but a well-formed file. */
export function readHints(file: string | undefined): Hint[] {
  const text = file === undefined ? undefined : readText(file);
  if (text === undefined) return [];
  try {
    const data = JSON.parse(text) as { v?: unknown; guests?: unknown };
    if (data.v !== 1 || !Array.isArray(data.guests)) return [];
    return data.guests.flatMap((e: unknown) => {
      if (!Array.isArray(e)) return [];
      const [vmid, node, type, name] = e as unknown[];
      const ok =
        Number.isSafeInteger(vmid) &&
        typeof node === 'string' &&
        node !== '' &&
        (type === 'qemu' || type === 'lxc') &&
        typeof name === 'string';
      return ok ? [{ vmid: vmid as number, node, type, name } as Hint] : [];
    });
  } catch {
    return [];
  }
}

/** The hint for a VMID of `kind`. */
export function findHint(hints: Hint[], kind: GuestKind, ref: string): Hint | undefined {
  // VMIDs only: a name may have become ambiguous since (a second guest given it), which only the
  // full list shows, and a verb must then refuse rather than act on the guest it saw last
  if (!/^\d+$/.test(ref)) return undefined;
  const h = hints.find((x) => x.vmid === Number(ref));
  return h?.type === kind ? h : undefined;
}

/**
 * Merges `seen` (fresh from the cluster) into the file: newest last, one entry per VMID and none
 * for a `gone` VMID, at most MAX_HINTS. Written only when something changed, then atomically.
 */
export function rememberHints(file: string | undefined, seen: Hint[], gone: number[] = []): void {
  if (!file || (seen.length === 0 && gone.length === 0)) return;
  if (seen.length > MAX_HINTS) seen = seen.slice(-MAX_HINTS);
  // MAX_HINTS distinct VMIDs (a list of a large cluster): the file becomes exactly these, whatever it
  // held, so the old one is compared as text rather than parsed (vm list of 5,000 guests, issue 13)
  if (gone.length === 0 && seen.length === MAX_HINTS && distinct(seen)) {
    const text = serialize(seen);
    if (readText(file) !== text) writeAtomically(file, text);
    return;
  }
  const old = readHints(file);
  const byId = new Map(old.map((h) => [h.vmid, h]));
  const same = (a: Hint | undefined, b: Hint) => a && a.node === b.node && a.type === b.type && a.name === b.name;
  const changed = seen.some((h) => !same(byId.get(h.vmid), h)) || gone.some((id) => byId.has(id));
  if (!changed) return;
  for (const id of gone) byId.delete(id);
  for (const h of seen) {
    byId.delete(h.vmid);
    byId.set(h.vmid, h);
  }
  writeAtomically(file, serialize([...byId.values()].slice(-MAX_HINTS)));
}

/** No VMID twice (sorted in a typed array: no garbage for the GC of a process that is about to print). */
function distinct(hints: Hint[]): boolean {
  const ids = new Float64Array(hints.length);
  for (let i = 0; i < hints.length; i++) ids[i] = hints[i]!.vmid;
  ids.sort();
  for (let i = 1; i < ids.length; i++) if (ids[i] === ids[i - 1]) return false;
  return true;
}

const serialize = (hints: Hint[]) =>
  JSON.stringify({ v: 1, guests: hints.map((h) => [h.vmid, h.node, h.type, h.name]) });

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    // write then rename: a pvectl running in another terminal never reads half a file
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // a read-only or full disk only costs the next look-up its shortcut
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}
