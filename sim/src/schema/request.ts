// Request verification as pveproxy/pvedaemon do it: merge path parameters over query/body,
// apply RESTHandler's legacy normalisation, then JSONSchema validate against `parameters`.
import { checkObject, lookupProp } from './object.js';
import type { RouteIndex } from './routes.js';
import type { Errors, MethodInfo, PropSchema, RequestFailure } from './types.js';

const notImplemented = (method: string, path: string): RequestFailure => ({
  status: 501,
  message: `Method '${method} ${path}' not implemented`,
});

/**
 * RESTHandler's $normalize_legacy_param_formats: repeated form keys (arrays) are joined with ","
 * for string `*-list` formats, and a single value is wrapped for `array` parameters.
 */
function normalize(
  params: Record<string, unknown>,
  props: Record<string, PropSchema>,
  template: string,
): Record<string, unknown> {
  let out = params;
  for (const [key, value] of Object.entries(params)) {
    if (!value || value === '0') continue; // Perl: `if (my $value = $param->{$key})`
    const p = lookupProp(props, key, template);
    if (!p) continue;
    let next: unknown = value;
    if (Array.isArray(value) && p.type === 'string' && typeof p.format === 'string' && p.format.endsWith('-list')) {
      next = value.join(',');
    } else if (!Array.isArray(value) && typeof value !== 'object' && p.type === 'array') {
      next = [value];
    }
    if (next !== value) {
      if (out === params) out = { ...params };
      out[key] = next;
    }
  }
  return out;
}

/** Errors for `params` against one method's parameter schema; null when valid. */
export function checkParams(info: MethodInfo, params: Record<string, unknown>, template: string): Errors | null {
  const schema = info.parameters;
  if (!schema) return null;
  const props = schema.properties ?? {};
  const errors: Errors = {};
  checkObject('', props, normalize(params, props, template), schema.additionalProperties, errors, template);
  return Object.keys(errors).length ? errors : null;
}

export function validateRequest(
  routes: RouteIndex,
  method: string,
  path: string,
  params: Record<string, unknown>,
): RequestFailure | null {
  const m = method.toUpperCase();
  const found = routes.find(path);
  const info = found?.endpoint.methods[m];
  if (!found || !info) return notImplemented(m, path);
  // path parameters win over query/body values of the same name, as in pve-http-server
  const merged = Object.keys(found.pathParams).length ? { ...params, ...found.pathParams } : params;
  const errors = checkParams(info, merged, found.endpoint.template);
  return errors ? { status: 400, message: 'Parameter verification failed.', errors } : null;
}
