// Public option and fault types of the simulator (re-exported by ./index.ts).

// Same shape as `ApiSchema` in ./schema/ (DESIGN.md); declared here so the core does not
// depend on the validator being present.
export interface SchemaLike {
  match(method: string, path: string): { template: string; pathParams: Record<string, string> } | null;
  validateRequest(
    method: string,
    path: string,
    params: Record<string, unknown>,
  ): null | { status: 400 | 501; message: string; errors?: Record<string, string> };
  validateResponse(method: string, path: string, data: unknown): string[];
}

export interface SimToken {
  id: string; // user@realm!name
  secret: string;
  privs?: string[] | '*';
}

export interface SimOptions {
  nodes?: number;
  guests?: number;
  taskMs?: number;
  agentDelayMs?: number;
  schema?: SchemaLike | null;
  tokens?: SimToken[];
  seed?: number;
  rootPassword?: string; // password of root@pam for /access/ticket (default "pvesim")
  authFailDelayMs?: number; // the real server delays 401s by ~3 s; default 0
}

export interface Faults {
  latencyMs: number;
  errorRate: number;
  dropRate: number;
  loseResponseAfterWrite: number;
  staleNextId: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  params: Record<string, unknown>;
  status: number;
  violation?: string;
}
