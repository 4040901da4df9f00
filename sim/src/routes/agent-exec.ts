// POST …/agent/exec and GET …/agent/exec-status (qemu-server PVE/API2/Qemu/Agent.pm `exec`,
// `exec-status`; PVE/QemuServer/Agent.pm qemu_exec, qemu_exec_status): `command` is an array
// (program, then arguments), `input-data` the process's stdin; exec answers {pid}, exec-status
// {exited, exitcode, out-data, err-data} with the output decoded. The guest runs a tiny
// deterministic set of commands; anything else exits 127, "command not found". A process is still
// running at its first exec-status, done at the next one (so clients must poll).
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import type { Guest } from '../model/types.js';
import { fail } from '../http.js';
import { route } from './route.js';
import { agentReady, guestHostname } from './agent-ready.js';

interface Process {
  exitcode: number;
  out: string;
  err: string;
  polls: number;
}

const processes = new WeakMap<SimCore, Map<string, Process>>();

function run(core: SimCore, g: Guest, argv: string[], input: string | undefined): Omit<Process, 'polls'> {
  const [cmd, ...args] = argv;
  const host = guestHostname(core, g);
  const ok = (out: string) => ({ exitcode: 0, out, err: '' });
  if (cmd === 'echo') return ok(`${args.join(' ')}\n`);
  if (cmd === 'true') return ok('');
  if (cmd === 'false') return { exitcode: 1, out: '', err: '' };
  if (cmd === 'hostname' && args.length === 0) return ok(`${host}\n`);
  if (cmd === 'cat' && args.length === 0) return ok(input ?? '');
  if (cmd === 'cat' && args.length === 1 && args[0] === '/etc/hostname') return ok(`${host}\n`);
  if (cmd === 'cat') return { exitcode: 1, out: '', err: `cat: ${args[0]}: No such file or directory\n` };
  return { exitcode: 127, out: '', err: `${cmd}: command not found\n` };
}

export function agentExecRoutes(core: SimCore): RequestHandler[] {
  const base = '/nodes/:node/qemu/:vmid/agent';
  const table = (): Map<string, Process> => {
    let t = processes.get(core);
    if (!t) processes.set(core, (t = new Map()));
    return t;
  };
  let nextPid = 4100;
  return [
    route(core, 'post', `${base}/exec`, (c) => {
      const raw = c.params.command;
      const argv = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
      const input = c.str('input-data');
      if (argv.length === 0 && input === undefined) fail('command or input-data (or both) required');
      const g = agentReady(core, c, 'VM.GuestAgent.Unrestricted');
      const pid = nextPid++;
      table().set(`${g.vmid}:${pid}`, { ...run(core, g, argv, input), polls: 0 });
      return { pid };
    }),
    route(core, 'get', `${base}/exec-status`, (c) => {
      const g = agentReady(core, c, 'VM.GuestAgent.Unrestricted');
      const pid = c.int('pid');
      const p = table().get(`${g.vmid}:${pid}`);
      // the agent's own answer, passed on by qemu-server
      if (!p) fail(`Agent error: Invalid parameter 'pid'`);
      if (p!.polls++ === 0) return { exited: false };
      table().delete(`${g.vmid}:${pid}`);
      const out: Record<string, unknown> = { exited: true, exitcode: p!.exitcode };
      if (p!.out) out['out-data'] = p!.out;
      if (p!.err) out['err-data'] = p!.err;
      return out;
    }),
  ];
}
