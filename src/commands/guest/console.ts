// vm console / ct console: the guest's text console in this terminal, through Proxmox's terminal
// proxy (termproxy + vncwebsocket): a VM's serial port (`vm create` gives VMs `serial0: socket`),
// a container's console. Ctrl-] leaves; the terminal is restored however the session ends.
import type { Context } from '../../context.js';
import { consoleSocketUrl, openTermproxy } from '../../api/console.js';
import { getConfig } from '../../api/guest-config.js';
import { guestPath, kindLabel, type Guest, type GuestKind } from '../../api/guests.js';
import type { Obj } from '../../api/shape.js';
import { PvectlError } from '../../errors.js';
import { safeMessage } from '../../output/safe-text.js';
import { resolveGuest } from './targets.js';
import { consoleSession } from './console-session.js';
import { openLocalTerminal } from './console-terminal.js';

export interface ConsoleOptions {
  kind: GuestKind;
  guest: string;
  /** VMs: serial0-serial3 (default: the first one that is a socket) */
  serial?: string;
}

export async function run(ctx: Context, opts: ConsoleOptions): Promise<void> {
  const region = await ctx.region();
  const client = await ctx.client(region);
  const g = await resolveGuest(client, opts.kind, opts.guest);
  const what = safeMessage(`${kindLabel(g.type)} ${g.vmid} ${g.name}`);
  if (g.status !== 'running') {
    throw new PvectlError(`${what} is ${g.status}: there is no console to open`, {
      hint: `Start it first: pvectl ${g.type === 'qemu' ? 'vm' : 'ct'} start ${g.vmid}`,
    });
  }
  const serial = g.type === 'qemu' ? serialPort(g, await getConfig(client, g), opts.serial, what) : undefined;
  const t = await openTermproxy(client, g, serial);
  if (t === null) return; // --dry-run: the call is printed, nothing opened
  const { openConsoleSocket } = await import('../../api/console-socket.js');
  // --verbose: the upgrade, as the client logs its calls (without the ticket)
  if (ctx.globals.verbose) ctx.io.stderr.write(`[${region.name}] GET ${guestPath(g, '/vncwebsocket')} (WebSocket)\n`);
  const sock = await openConsoleSocket(region, consoleSocketUrl(region.url, g, t));
  ctx.info(`console of ${what}${serial ? ` (${serial})` : ''} on ${g.node}; Ctrl-] leaves`);
  await consoleSession(ctx, sock, t, openLocalTerminal(ctx));
}

/** The serial port to open: the one asked for, else the first `serialN: socket` (as `qm terminal`). */
function serialPort(g: Guest, config: Obj, asked: string | undefined, what: string): string {
  const ports = ['serial0', 'serial1', 'serial2', 'serial3'].filter((k) => config[k] === 'socket');
  const port = asked ?? ports[0];
  if (port !== undefined && ports.includes(port)) return port;
  throw new PvectlError(
    asked ? `${what} has no ${asked} socket to open a console on` : `${what} has no serial port for a console`,
    {
      hint:
        'The console is a serial terminal: the VM needs `serialN: socket` (pvectl vm create sets serial0), ' +
        `e.g. pvectl api put /nodes/${g.node}/qemu/${g.vmid}/config -d serial0=socket, then a restart.` +
        (ports.length ? ` It has: ${ports.join(', ')}.` : ''),
    },
  );
}
