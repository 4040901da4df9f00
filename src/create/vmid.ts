// VMIDs for new guests. `nextid` is only a hint (QUIRKS E6, and it arrives as a string, B1): two
// creates can be given the same id, and the loser sees "VM N already exists" either as the POST's
// error or inside its task. That loser tries again with another id, a few times, with jitter.
// `--vmid N` is taken as given (no retry); a region `vmidRange` hands out its first free id.
import { nextVmid } from '../api/cluster.js';
import { listGuests } from '../api/guests.js';
import { ApiError, PvectlError, TaskError, UsageError } from '../errors.js';
import type { Session } from './session.js';

const ATTEMPTS = 10;

export interface VmidRequest {
  /** --vmid */
  fixed?: number;
  /** ids already in use, known from the cluster listing */
  used: Set<number>;
}

/** Before the first write: --vmid must be free, and a region VMID range must have room. */
export function checkVmid(s: Session, req: VmidRequest): void {
  if (req.fixed !== undefined) {
    if (req.used.has(req.fixed))
      throw new UsageError(`--vmid ${req.fixed} is already in use; leave --vmid out to get a free one`);
    return;
  }
  if (s.region.vmidRange) fromRange(s.region.vmidRange, req.used, new Set());
}

/** Runs `create(vmid)` until it does not lose a VMID race; returns its result and the id. */
export async function withFreshVmid<T>(
  s: Session,
  req: VmidRequest,
  create: (vmid: number) => Promise<T>,
): Promise<{ vmid: number; result: T }> {
  if (req.fixed !== undefined) {
    checkVmid(s, req); // already checked by a create's preflight; clone relies on it here
    return { vmid: req.fixed, result: await create(req.fixed) };
  }
  const lost = new Set<number>();
  for (let attempt = 1; ; attempt++) {
    const vmid = await candidate(s, req, lost);
    try {
      return { vmid, result: await create(vmid) };
    } catch (err) {
      if (!isVmidConflict(err, vmid) || attempt >= ATTEMPTS) throw err;
      lost.add(vmid);
      s.ctx.info(`VMID ${vmid} was taken meanwhile; trying another`);
      await s.ctx.clock.sleep(Math.random() * 40 * attempt, s.ctx.signal);
    }
  }
}

async function candidate(s: Session, req: VmidRequest, lost: Set<number>): Promise<number> {
  const range = s.region.vmidRange;
  if (range) {
    const used = lost.size === 0 ? req.used : new Set((await listGuests(s.client)).map((g) => g.vmid));
    return fromRange(range, used, lost);
  }
  const hint = await nextVmid(s.client);
  if (hint === undefined) throw new PvectlError('the cluster did not suggest a free VMID (GET /cluster/nextid)');
  // a stale hint repeats an id that just lost: go past everything seen taken
  const past = Math.max(0, ...lost) + 1;
  return lost.has(hint) || hint < past ? Math.max(hint, past) : hint;
}

function fromRange(range: { min: number; max: number }, used: Set<number>, lost: Set<number>): number {
  for (let id = range.min; id <= range.max; id++) if (!used.has(id) && !lost.has(id)) return id;
  throw new PvectlError(`no free VMID left in the region's range ${range.min}-${range.max}`, {
    hint: 'Widen vmidRange in the region configuration, or pass --vmid.',
  });
}

export function isVmidConflict(err: unknown, vmid: number): boolean {
  const texts: string[] = [];
  if (err instanceof ApiError) texts.push(err.message, ...Object.values(err.errors ?? {}));
  else if (err instanceof TaskError) texts.push(err.exitstatus, err.message);
  else return false;
  const re = new RegExp(`\\b${vmid}\\b[^\\n]*already exists|already exists[^\\n]*\\b${vmid}\\b`, 'i');
  return texts.some((t) => re.test(t));
}
