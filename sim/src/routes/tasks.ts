// /nodes/{node}/tasks: list, status, log, stop.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { hasPriv } from '../core.js';
import { fail, paramError } from '../http.js';
import type { Task } from '../tasks.js';
import { WithExtra, route, type Ctx } from './route.js';

// pve-manager PVE/API2/Tasks.pm: upid_decode failing is a parameter error; read_task_status and
// stop_task add "no such task" when the node has no log file for it (a task of another node
// has none); read_task_log has no such check and shows dump_logfile's "unable to open file".
function decodeTask(core: SimCore, c: Ctx): Task | undefined {
  const node = c.node();
  const upid = c.path.upid ?? '';
  if (!/^UPID:[^:]+:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:[^:]*:[^:]*:[^:]+:$/.test(upid)) {
    paramError({ upid: 'unable to parse worker upid' });
  }
  const t = core.tasks.byUpid.get(upid);
  return t && t.node === node ? t : undefined;
}

function checkTaskUser(c: Ctx, t: Task, priv: string): void {
  if (t.spec.who.authid !== c.who.authid && !hasPriv(c.who, priv)) {
    fail(`Permission check failed (/nodes/${t.node}, ${priv})`, 403);
  }
}

function findTask(core: SimCore, c: Ctx, priv = 'Sys.Audit'): Task {
  const t = decodeTask(core, c);
  if (!t) return paramError({ upid: 'no such task' });
  checkTaskUser(c, t, priv);
  return t;
}

function listStatus(t: Task): string {
  return t.status === 'running' ? 'RUNNING' : (t.exitstatus ?? 'unknown');
}

function statusClass(t: Task): string {
  const s = t.exitstatus ?? '';
  if (t.status === 'running') return 'running';
  if (s === 'OK') return 'ok';
  if (s.startsWith('WARNINGS')) return 'warning';
  return 'error';
}

export function taskRoutes(core: SimCore): RequestHandler[] {
  return [
    route(core, 'get', '/nodes/:node/tasks', (c) => {
      const node = c.node();
      const start = c.int('start') ?? 0;
      const limit = c.int('limit') ?? 50;
      const vmid = c.str('vmid');
      const source = c.str('source') ?? 'archive';
      // pve-manager PVE/API2/Tasks.pm node_tasks: `since`/`until` compare the task's starttime
      const since = c.int('since');
      const until = c.int('until');
      const typefilter = c.str('typefilter');
      const userfilter = c.str('userfilter');
      const statusfilter = c
        .str('statusfilter')
        ?.split(/[,;\s]+/)
        .filter(Boolean);
      const errorsOnly = c.bool('errors');
      const all = hasPriv(c.who, 'Sys.Audit');
      const list = core.tasks.all
        .filter((t) => t.node === node)
        .filter((t) => all || t.spec.who.authid === c.who.authid)
        .filter((t) => source === 'all' || (source === 'active' ? t.status === 'running' : t.status === 'stopped'))
        .filter((t) => vmid === undefined || t.id === vmid)
        .filter((t) => (since === undefined || t.starttime >= since) && (until === undefined || t.starttime <= until))
        .filter((t) => !typefilter || t.type === typefilter)
        .filter((t) => !userfilter || t.user.includes(userfilter))
        .filter((t) => !statusfilter || statusfilter.includes(statusClass(t)))
        .filter((t) => !errorsOnly || statusClass(t) === 'error')
        .reverse();
      const page = list.slice(start, start + limit).map((t) => {
        const r = core.tasks.record(t);
        r.status = listStatus(t);
        if (t.endtime !== undefined) r.endtime = t.endtime;
        return r;
      });
      return new WithExtra(page, { total: list.length });
    }),

    route(core, 'get', '/nodes/:node/tasks/:upid', (c) => {
      c.node(); // upid_index checks nothing
      return [{ name: 'log' }, { name: 'status' }];
    }),

    route(core, 'get', '/nodes/:node/tasks/:upid/status', (c) => {
      const t = findTask(core, c);
      const r = core.tasks.record(t);
      r.status = t.status;
      if (t.status === 'stopped') r.exitstatus = t.exitstatus;
      return r;
    }),

    route(core, 'get', '/nodes/:node/tasks/:upid/log', (c) => {
      const t = decodeTask(core, c);
      if (t) checkTaskUser(c, t, 'Sys.Audit');
      const start = c.int('start') ?? 0;
      const limit = c.int('limit') ?? 50;
      const lines = t ? t.lines : ['unable to open file - No such file or directory'];
      const page = lines
        .slice(start, limit === 0 ? undefined : start + limit)
        .map((text, i) => ({ n: start + i + 1, t: text }));
      return new WithExtra(page, { total: lines.length });
    }),

    route(core, 'delete', '/nodes/:node/tasks/:upid', (c) => {
      const t = findTask(core, c, 'Sys.Modify');
      core.tasks.stop(t);
      return null;
    }),
  ];
}
