// What the client sends to Proxmox's terminal proxy (proxmox-termproxy, in pve-xtermjs
// termproxy/src/main.rs), as the xterm.js client does: first `USER:TICKET\n`, which the proxy
// answers with `OK`; then input as `0:LEN:DATA` (LEN in bytes), a terminal size as `1:COLS:ROWS:`
// and `2` as a keep-alive. The proxy's answers are the terminal's output, unframed.

export const PING = '2';

export function ticketLine(user: string, ticket: string): string {
  return `${user}:${ticket}\n`;
}

export function dataFrame(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`0:${data.length}:`), data]);
}

export function resizeFrame(cols: number, rows: number): string {
  return `1:${Math.max(1, Math.floor(cols))}:${Math.max(1, Math.floor(rows))}:`;
}

/** Watches the first bytes from the proxy for its `OK`: 'ok' (and what followed it), or 'refused'. */
export function readOk(first: Buffer): { state: 'ok'; rest: Buffer } | { state: 'wait' } | { state: 'refused' } {
  const ok = Buffer.from('OK');
  const n = Math.min(first.length, 2);
  if (!first.subarray(0, n).equals(ok.subarray(0, n))) return { state: 'refused' };
  return n < 2 ? { state: 'wait' } : { state: 'ok', rest: first.subarray(2) };
}
