// Turns a Proxmox error answer into the right typed error. The text lives in body.message,
// body.errors and the HTTP reason phrase (QUIRKS A1–A4); 500 covers not-found, locked and
// wrong-state alike, so it is classified by message.
import { ApiError, AuthError, NotFoundError, type PvectlError } from '../errors.js';

export function apiError(
  method: string,
  path: string,
  status: number,
  statusText: string,
  body: unknown,
  region: string,
): PvectlError {
  const b = (body ?? {}) as { message?: unknown; errors?: unknown };
  const message = (typeof b.message === 'string' ? b.message : statusText || `HTTP ${status}`).trim();
  const errors = normalizeErrors(b.errors);
  const where = `${method} ${path}`;

  if (status === 401) {
    return new AuthError(`authentication failed for region "${region}" (${message})`, {
      hint:
        'Check the token id and secret (PVECTL_TOKEN or `pvectl region add`), and that the token has not ' +
        'expired; `pvectl region test` checks the setup.',
    });
  }
  if (status === 403) {
    return new AuthError(`permission denied: ${message}`, {
      hint:
        'API tokens are created with privilege separation: grant the token itself a role, e.g. `pveum acl ' +
        "modify / --tokens 'user@pam!name' --roles PVEVMAdmin`; `pvectl region test` lists what is missing.",
    });
  }
  if (status === 400 && errors) {
    const detail = Object.entries(errors)
      .map(([key, text]) => `${key}: ${text.trim().replace(/\n/g, '; ')}`)
      .join('; ');
    return new ApiError(`${where}: ${message} ${detail}`.trim(), status, method, path, errors);
  }
  if (status === 500 && /does not exist|no such (vm|ct|guest)/i.test(message)) {
    return new NotFoundError(`${where}: ${message}`);
  }
  if (status >= 595 && status <= 599) {
    return new ApiError(`${where}: node unreachable: ${message}`, status, method, path, undefined, {
      hint:
        'The node named in the path is offline or cannot be reached from the node you talk to; check `pvectl ' +
        'node list`.',
    });
  }
  return new ApiError(`${where}: ${message}`, status, method, path, errors);
}

function normalizeErrors(raw: unknown): Record<string, string> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) out[key] = String(value);
  return Object.keys(out).length ? out : undefined;
}
