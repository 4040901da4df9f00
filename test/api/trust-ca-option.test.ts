// Which CAs a new API connection's handshake verifies against (src/api/trusting-agent.ts caOption).
// A pin or --insecure never reads the handshake's verdict (trust.ts checkTrust), so they give Node
// an empty list: without a `ca`, Node first builds its whole root store (Node 20's
// lib/internal/tls/secure-context.js configSecureContext: `if (ca) addCACerts(…) else
// context.addRootCerts()`), ~30 ms of the CPU of a tiny API call (issue 13, bench/README.md).
// That pins and CA files still decide is in transport.test.ts (accepts, refuses, forged chains).
import { describe, expect, it } from 'vitest';
import { caOption } from '../../src/api/trusting-agent.js';

describe('the CAs a connection is verified against', () => {
  it('are none for a pin and for --insecure, so Node never loads its root store', () => {
    expect(caOption({ kind: 'pin', pin: 'AB:CD' })).toEqual([]);
    expect(caOption({ kind: 'insecure' })).toEqual([]);
  });

  it("are the CA file's for a CA file, and Node's own (no option) for the system CAs", () => {
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(caOption({ kind: 'ca', caFile: '/etc/pve/ca.pem', ca })).toBe(ca);
    expect(caOption({ kind: 'system' })).toBeUndefined();
  });
});
