// From `set` flags and the current config to the PUT …/config parameters and the changes to show.
// Property strings (net0, cpu, agent, startup) keep their other parts; only what was asked changes.
import { kindLabel, type Guest } from '../../api/guests.js';
import { UsageError } from '../../errors.js';
import { num, parsePropertyString, splitTags } from '../../lib/values.js';
import type { Change } from './changes.js';
import type { SetOptions } from './set.js';

type Params = Record<string, string | number>;

/** `value` with the parts in `updates` replaced in place (or appended); the default key keeps no name. */
export function withParts(value: string, updates: Record<string, string>, defaultKey?: string): string {
  const left = { ...updates };
  const parts = value
    .split(',')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      const key = eq < 0 ? defaultKey : part.slice(0, eq);
      if (key === undefined || left[key] === undefined) return part;
      const v = left[key]!;
      delete left[key];
      return eq < 0 ? v : `${key}=${v}`;
    });
  for (const [k, v] of Object.entries(left)) parts.push(k === defaultKey ? v : `${k}=${v}`);
  return parts.join(',');
}

const onOff = (v: unknown) => (Number(v ?? 0) === 1 ? '1' : '0');

export function planSet(
  g: Guest,
  config: Record<string, unknown>,
  o: SetOptions,
): { params: Params; changes: Omit<Change, 'pending'>[] } {
  const params: Params = {};
  const changes: Omit<Change, 'pending'>[] = [];
  const put = (key: string, value: string | number, from: string, to: string) => {
    if (from === to) return;
    params[key] = value;
    changes.push({ key, from, to });
  };
  const cur = (key: string) => (config[key] === undefined ? '-' : String(config[key]));

  const nameKey = g.type === 'qemu' ? 'name' : 'hostname';
  if (o.name !== undefined) put(nameKey, o.name, cur(nameKey), o.name);
  if (o.description !== undefined) put('description', o.description, cur('description'), o.description);
  if (o.tags.length || o.untags.length) planTags(g, config, o, params, changes);
  if (o.onboot !== undefined) put('onboot', o.onboot ? 1 : 0, onOff(config.onboot), o.onboot ? '1' : '0');
  if (o.protection !== undefined) {
    put('protection', o.protection ? 1 : 0, onOff(config.protection), o.protection ? '1' : '0');
  }
  if (o.cores !== undefined) put('cores', o.cores, String(num(config.cores) ?? 1), String(o.cores));
  if (o.memMiB !== undefined) {
    const mem = num(parsePropertyString(String(config.memory ?? '512'), 'current').current) ?? 512;
    put('memory', o.memMiB, `${mem} MiB`, `${o.memMiB} MiB`);
  }
  if (o.cpuType !== undefined) {
    const now = String(config.cpu ?? '');
    const next = withParts(now, { cputype: o.cpuType }, 'cputype');
    put('cpu', next, now || '-', next);
  }
  if (o.netBridge !== undefined || o.netVlan !== undefined) {
    const now = config.net0;
    if (typeof now !== 'string') {
      throw new UsageError(`${kindLabel(g.type)} ${g.vmid} has no network device net0 to change`);
    }
    const updates: Record<string, string> = {};
    if (o.netBridge !== undefined) updates.bridge = o.netBridge;
    if (o.netVlan !== undefined) updates.tag = String(o.netVlan);
    const next = withParts(now, updates);
    put('net0', next, now, next);
  }
  if (o.agent !== undefined) {
    const now = String(config.agent ?? '0');
    const next = withParts(now, { enabled: o.agent ? '1' : '0' }, 'enabled');
    put('agent', next, config.agent === undefined ? '-' : now, next);
  }
  if (o.startup !== undefined) put('startup', o.startup, cur('startup'), o.startup);
  return { params, changes };
}

function planTags(
  g: Guest,
  config: Record<string, unknown>,
  o: SetOptions,
  params: Params,
  changes: Omit<Change, 'pending'>[],
): void {
  const now = splitTags(config.tags);
  const missing = o.untags.filter((t) => !now.includes(t));
  if (missing.length) {
    throw new UsageError(
      `${kindLabel(g.type)} ${g.vmid} has no tag ${missing.map((t) => `"${t}"`).join(', ')}; ` +
        `its tags: ${now.join(', ') || 'none'}`,
    );
  }
  const next = [...now.filter((t) => !o.untags.includes(t))];
  for (const t of o.tags) if (!next.includes(t)) next.push(t);
  const from = now.join(';') || '-';
  const to = next.join(';') || '-';
  if (from === to) return;
  // an empty value is refused by the schema for some options: removing the last tag deletes the key
  if (next.length) params.tags = next.join(';');
  else params.delete = 'tags';
  changes.push({ key: 'tags', from, to });
}
