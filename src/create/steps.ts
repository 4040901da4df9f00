// Where a create stands, as a value: whether its guest may exist yet and, once it may, the step
// it is at. A failure is reported from this (./failure.ts): before the guest, the error as it is;
// after, what exists, where, and how to remove it.
import type { GuestKind } from '../api/guests.js';

export interface NewGuest {
  vmid: number;
  name: string;
  node: string;
  type: GuestKind;
}

/** The steps from the call that makes the guest on, in order. */
export type Step = 'clone' | 'create' | 'grow-disk' | 'configure' | 'start' | 'wait-ip';

/** What a failure at each step means for the guest: "VM 104 (web-3) <this>: <cause>". */
export const FAILED_AT: Record<Step, string> = {
  clone: 'could not be cloned completely',
  create: 'could not be created completely',
  'grow-disk': 'could not grow its disk',
  configure: 'could not be configured',
  start: 'did not start',
  'wait-ip': 'reported no IP address',
};

export type CreateState = { made: false } | { made: true; guest: NewGuest; step: Step };

export class CreateSteps {
  state: CreateState = { made: false };

  /** The create or clone call was answered (or its answer lost): from now on the guest may exist. */
  made(guest: NewGuest, step: 'clone' | 'create'): void {
    this.state = { made: true, guest, step };
  }

  /** Its task lost a VMID race: the guest of that VMID is someone else's. */
  notOurs(): void {
    this.state = { made: false };
  }

  next(step: Step): void {
    if (this.state.made) this.state = { ...this.state, step };
  }
}
