// The console's WebSocket (…/vncwebsocket), with undici's WebSocket client (no other dependency)
// over an undici Agent that applies the region's TLS trust (pin, CA or --insecure) to the connection
// (console-agent.ts) and sends the token header, as every API call does. Loaded only by
// `vm console` / `ct console`.
import type { Region } from '../config/types.js';
import { NetworkError, PvectlError } from '../errors.js';

export interface ConsoleSocket {
  send(data: Buffer | string): void;
  close(): void;
  onData(fn: (data: Buffer) => void): void;
  /** the connection ended (by either side); `error` when it broke */
  onClose(fn: (error?: Error) => void): void;
}

export async function openConsoleSocket(region: Region, url: string): Promise<ConsoleSocket> {
  const undici = await import('undici');
  // bundled, undici (CommonJS) is the namespace's default export
  const lib = undici.WebSocket ? undici : (undici as unknown as { default: typeof undici }).default;
  const { WebSocket } = lib;
  const { trustedAgent } = await import('./console-agent.js');
  let refused: Error | undefined;
  const dispatcher = trustedAgent(lib, region, region.connectTimeoutMs, (err) => (refused = err));
  const ws = new WebSocket(url, {
    // what the xterm.js client asks for; Proxmox echoes it (pve-http-server AnyEvent.pm)
    protocols: ['binary'],
    dispatcher,
    headers: { Authorization: `PVEAPIToken=${region.tokenId}=${region.tokenSecret}` },
  });
  ws.binaryType = 'arraybuffer';
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => {
      void dispatcher.destroy().catch(() => {});
      // a TLS refusal keeps its own exit code (5); anything else is the network's (1)
      if (refused instanceof PvectlError) return reject(refused);
      const why = refused ? `: ${refused.message}` : '';
      reject(
        new NetworkError(`could not open the console connection to ${new URL(url).host}${why}`, {
          hint: 'The ticket is valid for 40 s and one connection; try again, with --verbose to see the calls.',
        }),
      );
    };
  });
  let closed = false;
  let broken: Error | undefined;
  const done = () => void dispatcher.destroy().catch(() => {});
  return {
    send: (data) => ws.send(data),
    close: () => {
      if (!closed) ws.close();
      done();
    },
    onData: (fn) =>
      (ws.onmessage = (e) => fn(typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data as ArrayBuffer))),
    onClose: (fn) => {
      ws.onerror = () => (broken = new NetworkError(`the console connection to ${new URL(url).host} broke`));
      ws.onclose = () => {
        closed = true;
        done();
        fn(broken);
      };
    },
  };
}
