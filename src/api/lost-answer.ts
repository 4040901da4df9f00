// A write whose answer never came: the request went out and the connection dropped (or stayed
// silent) before the answer. Proxmox has most likely applied it — started the task, made the
// guest — so the error says the outcome is unknown, what may have changed and how to look,
// and never invites a blind retry (a second `resize +1G` grows the disk twice).
import { LostAnswerError, NetworkError } from '../errors.js';
import { neverSent } from './network-error.js';

/** `failure` of a request, as the caller should see it: a LostAnswerError for a write that was sent. */
export function lostAnswer(method: string, path: string, params: URLSearchParams, failure: unknown): unknown {
  if (method === 'GET' || !(failure instanceof NetworkError) || neverSent(failure)) return failure;
  return new LostAnswerError(
    `${method} ${path}: the answer was lost after the request was sent (${failure.message}); ` +
      'the outcome is unknown and the change was probably applied',
    method,
    path,
    { hint: `Check before repeating it: ${checks(path, params).join('; ')}.`, cause: failure },
  );
}

const GUEST_PATH = /^\/nodes\/[^/]+\/(qemu|lxc)(?:\/(\d+))?(?:\/|$)/;

/** The commands that show what the write may have done. */
function checks(path: string, params: URLSearchParams): string[] {
  const out = ['`pvectl task list --running` shows a task it started'];
  const m = GUEST_PATH.exec(path);
  if (!m) return out;
  const noun = m[1] === 'qemu' ? 'vm' : 'ct';
  const what = m[1] === 'qemu' ? 'VM' : 'CT';
  if (m[2] !== undefined) out.push(`\`pvectl ${noun} show ${m[2]}\` shows ${what} ${m[2]} as it is now`);
  // a create (vmid) or a clone (newid) may have made a guest
  const made = m[2] === undefined ? params.get('vmid') : params.get('newid');
  if (made) out.push(`\`pvectl ${noun} show ${made}\` shows whether ${what} ${made} now exists`);
  return out;
}
