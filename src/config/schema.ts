// JSON schema of config.json (draft 2020-12), checked by validate.ts as ajv would (conf's ajv, as
// before, cost ~100 ms CPU a start to compile it). Region entries are strict
// (a misspelt key in a hand-edited file is reported, not silently ignored); the top level is
// not, so a newer pvectl may add keys without breaking an older one.

export const REGION_NAME_PATTERN = '^[a-z0-9][a-z0-9_-]*$';
/** user@realm!tokenname, as Proxmox VE's own `userid` pattern for tokens. */
export const TOKEN_ID_PATTERN = '^[^\\s:/]+@[A-Za-z][A-Za-z0-9._-]+![A-Za-z][A-Za-z0-9._-]+$';
/** SHA-256 in hex, colons optional, any case. */
export const FINGERPRINT_PATTERN = '^(?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{64}$';

const nonEmpty = { type: 'string', minLength: 1 } as const;
// what Node's setTimeout can wait (lib/durations.ts MAX_DURATION_MS): a hand-edited 30 days would fire at once
const timerMs = { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 } as const;

const regionEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'tokenId', 'tokenSecret'],
  properties: {
    // a path prefix is allowed for a reverse proxy; /api2/json is added per call
    url: { type: 'string', pattern: '^https://[^/\\s?#]+(/[^\\s?#]*[^/\\s?#])?$' },
    tokenId: { type: 'string', pattern: TOKEN_ID_PATTERN },
    tokenSecret: nonEmpty,
    fingerprint: { type: 'string', pattern: FINGERPRINT_PATTERN },
    caFile: nonEmpty,
    insecure: { type: 'boolean' },
    defaults: {
      type: 'object',
      additionalProperties: false,
      properties: { node: nonEmpty, storage: nonEmpty, bridge: nonEmpty, pool: nonEmpty, isoStorage: nonEmpty },
    },
    domain: nonEmpty,
    ipPool: {
      type: 'object',
      additionalProperties: false,
      required: ['cidr', 'gateway'],
      properties: {
        cidr: { type: 'string', pattern: '^[0-9A-Fa-f:.]+/[0-9]{1,3}$' },
        start: nonEmpty,
        end: nonEmpty,
        gateway: nonEmpty,
        dns: { type: 'array', items: nonEmpty },
      },
    },
    vmidRange: {
      type: 'object',
      additionalProperties: false,
      required: ['min', 'max'],
      properties: {
        min: { type: 'integer', minimum: 100, maximum: 999999999 },
        max: { type: 'integer', minimum: 100, maximum: 999999999 },
      },
    },
    // Owned by the cost feature; only its shape is checked here.
    pricing: {
      type: 'object',
      additionalProperties: false,
      required: ['currency'],
      properties: {
        currency: nonEmpty,
        cpuHour: { type: 'number', minimum: 0 },
        memGiBHour: { type: 'number', minimum: 0 },
        diskGiBHour: { type: 'number', minimum: 0 },
      },
    },
    connectTimeoutMs: timerMs,
    requestTimeoutMs: timerMs,
  },
} as const;

/** The `properties` of the root object (what conf's `schema` option took). */
export const configSchema = {
  currentRegion: { type: 'string', pattern: REGION_NAME_PATTERN },
  regions: {
    type: 'object',
    propertyNames: { pattern: REGION_NAME_PATTERN },
    additionalProperties: regionEntry,
  },
} as const;

/** Keys a region entry may have, to name an unknown one in an error. */
export const REGION_KEYS: readonly string[] = Object.keys(regionEntry.properties);
