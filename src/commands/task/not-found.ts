// Proxmox answers a UPID it does not know with "no such task" and a node it does not know with
// "no such cluster node 'x'" (an error status, not 404): both are "not found" (exit 3), said in
// words rather than as the URL-encoded path that failed.
import { ApiError, NotFoundError } from '../../errors.js';
import { parseUpid } from '../../api/upid.js';

const mentions = (err: ApiError, re: RegExp) =>
  re.test(err.message) || Object.values(err.errors ?? {}).some((v) => re.test(v));

export const isNoSuchNode = (err: unknown): err is ApiError =>
  err instanceof ApiError && mentions(err, /no such cluster node/);

/** The error to report for a call about `upid` that failed with `err`. */
export function taskNotFound(err: unknown, upid: string, region: string): unknown {
  if (!(err instanceof ApiError)) return err;
  const node = parseUpid(upid)?.node ?? '?';
  if (isNoSuchNode(err)) {
    return new NotFoundError(`no task ${upid}: region "${region}" has no node "${node}"`, {
      hint: 'See: pvectl node list',
    });
  }
  if (mentions(err, /no such task/)) {
    return new NotFoundError(`no task ${upid} on node ${node}`, { hint: 'See: pvectl task list' });
  }
  return err;
}
