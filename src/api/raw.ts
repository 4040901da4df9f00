// `pvectl api`: any call the user names, with no shape expected (the user reads the answer).
import type { Method, PveClient } from './client.js';
import type { Params } from './path.js';

export async function callRaw(client: PveClient, method: Method, path: string, params?: Params): Promise<unknown> {
  return (await client.call<unknown>(method, path, params)).data;
}
