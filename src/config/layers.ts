// The layers a region is built from: the config file entry, then the environment, then flags.
import type { Region } from './types.js';
import { parseEnvFlag, parseFingerprint, parseFullToken, parseRegionUrl } from './values.js';

export interface TrustOverrides {
  fingerprint?: string;
  caFile?: string;
  insecure?: boolean;
}

export interface Layer {
  url?: string;
  tokenId?: string;
  tokenSecret?: string;
  trust: TrustOverrides;
}

export function envLayer(env: Record<string, string | undefined>): Layer {
  const layer: Layer = { trust: {} };
  if (env.PVECTL_URL?.trim()) layer.url = parseRegionUrl(env.PVECTL_URL, 'PVECTL_URL');
  if (env.PVECTL_TOKEN?.trim()) Object.assign(layer, parseFullToken(env.PVECTL_TOKEN, 'PVECTL_TOKEN'));
  if (env.PVECTL_FINGERPRINT?.trim())
    layer.trust.fingerprint = parseFingerprint(env.PVECTL_FINGERPRINT, 'PVECTL_FINGERPRINT');
  if (env.PVECTL_CA_FILE?.trim()) layer.trust.caFile = env.PVECTL_CA_FILE.trim();
  if (parseEnvFlag(env.PVECTL_INSECURE, 'PVECTL_INSECURE')) layer.trust.insecure = true;
  return layer;
}

export function flagTrust(o: TrustOverrides): TrustOverrides {
  const trust: TrustOverrides = {};
  if (o.fingerprint !== undefined) trust.fingerprint = parseFingerprint(o.fingerprint, '--fingerprint');
  if (o.caFile !== undefined) trust.caFile = o.caFile;
  if (o.insecure) trust.insecure = true;
  return trust;
}

/** The region PVECTL_URL + PVECTL_TOKEN define on their own, with the environment's trust. */
export function envRegion(env: Layer): Region {
  return withLayers(
    { name: 'env', url: env.url!, tokenId: env.tokenId!, tokenSecret: env.tokenSecret!, defaults: {} },
    env,
  );
}

/**
 * Fields of a higher layer replace the region's. Trust is one choice, not three fields: a layer
 * that says anything about trust replaces the region's trust entirely (else a file's `insecure`
 * would silently outrank a pin given on the command line).
 */
export function withLayers(region: Region, layer: Layer): Region {
  const out: Region = { ...region, defaults: { ...region.defaults } };
  if (layer.url) out.url = layer.url;
  if (layer.tokenId && layer.tokenSecret) {
    out.tokenId = layer.tokenId;
    out.tokenSecret = layer.tokenSecret;
  }
  const t = layer.trust;
  if (t.fingerprint || t.caFile || t.insecure) {
    delete out.fingerprint;
    delete out.caFile;
    delete out.insecure;
    if (t.fingerprint) out.fingerprint = t.fingerprint;
    if (t.caFile) out.caFile = t.caFile;
    if (t.insecure) out.insecure = true;
  }
  return out;
}
