// A task as pvectl shows it, from a task list entry or a status answer (QUIRKS D2: the list's
// `status` holds RUNNING or the exit text; the status call has running|stopped + exitstatus).
import { isTaskSuccess, parseUpid } from '../../api/upid.js';
import { UsageError } from '../../errors.js';
import { num, str } from '../../lib/values.js';
import type { Column } from '../../output/types.js';

export interface TaskRow {
  upid: string;
  node: string;
  type: string;
  id: string;
  user: string;
  starttime: number | null;
  endtime: number | null;
  /** RUNNING, or the exit text: OK, WARNINGS: n, the error message */
  status: string;
  ok: boolean | null;
  /** seconds, up to now while running */
  duration: number | null;
}

export function taskRow(raw: Record<string, unknown>, nowMs: number): TaskRow {
  const upid = str(raw.upid) ?? '';
  const parsed = parseUpid(upid);
  const running =
    raw.status === 'running' || raw.status === 'RUNNING' || (raw.status === undefined && raw.endtime === undefined);
  const status = running
    ? 'RUNNING'
    : (str(raw.exitstatus) ?? (raw.status === 'stopped' ? 'unknown' : str(raw.status)) ?? 'unknown');
  const starttime = num(raw.starttime) ?? parsed?.starttime ?? null;
  const endtime = running ? null : (num(raw.endtime) ?? null);
  const end = running ? Math.floor(nowMs / 1000) : endtime;
  return {
    upid,
    node: str(raw.node) ?? parsed?.node ?? '',
    type: str(raw.type) ?? parsed?.type ?? '',
    id: str(raw.id) ?? parsed?.id ?? '',
    user:
      str(raw.tokenid) && str(raw.user)
        ? `${str(raw.user)}!${str(raw.tokenid)}`
        : (str(raw.user) ?? parsed?.user ?? ''),
    starttime,
    endtime,
    status,
    ok: running ? null : isTaskSuccess(status),
    duration: starttime !== null && end !== null ? Math.max(0, end - starttime) : null,
  };
}

export const TASK_COLUMNS: Column<TaskRow>[] = [
  // whole, on the narrowest terminal too: it is what `task show/wait/log` take
  { id: 'upid', header: 'UPID', value: (t) => t.upid, whole: true },
  { id: 'node', header: 'NODE', value: (t) => t.node },
  { id: 'type', header: 'TYPE', value: (t) => t.type },
  { id: 'id', header: 'ID', value: (t) => t.id },
  { id: 'user', header: 'USER', value: (t) => t.user },
  { id: 'started', header: 'STARTED', value: (t) => t.starttime, kind: 'time' },
  { id: 'status', header: 'STATUS', value: (t) => t.status },
  { id: 'duration', header: 'DURATION', value: (t) => t.duration, kind: 'duration', align: 'right' },
];

/** Checks UPIDs before anything is sent. */
export function checkUpids(upids: string[]): string[] {
  return upids.map((u) => {
    const parsed = parseUpid(u);
    if (!parsed)
      throw new UsageError(`"${u}" is not a UPID (expected UPID:node:pid:pstart:starttime:type:id:user:)`, {
        hint: 'See recent tasks with: pvectl task list',
      });
    return parsed.upid;
  });
}
