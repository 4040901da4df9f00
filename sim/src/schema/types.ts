// Shapes of the official PVE API schema (apidoc.json) as far as the validator reads them,
// plus the public ApiSchema interface (docs/DESIGN.md).

/** One property schema. Booleans in the file are written as 0/1; bounds may be strings. */
export interface PropSchema {
  type?: string;
  optional?: number | boolean | string;
  format?: string | FormatMap;
  pattern?: string;
  enum?: unknown[];
  minimum?: number | string;
  maximum?: number | string;
  minLength?: number | string;
  maxLength?: number | string;
  requires?: string | PropSchema;
  alias?: string;
  keyAlias?: string;
  default_key?: number | boolean;
  properties?: Record<string, PropSchema>;
  additionalProperties?: number | boolean | PropSchema;
  items?: PropSchema;
  oneOf?: PropSchema[];
  'type-property'?: string;
  'instance-types'?: string[];
  [other: string]: unknown;
}

/** An inline-object format: key name → schema of that key inside a property string. */
export type FormatMap = Record<string, PropSchema>;

export interface MethodInfo {
  name?: string;
  method?: string;
  parameters?: PropSchema;
  returns?: PropSchema;
  [other: string]: unknown;
}

export interface TreeNode {
  path: string;
  text?: string;
  leaf?: number;
  info?: Record<string, MethodInfo>;
  children?: TreeNode[];
}

export interface RequestFailure {
  status: 400 | 501;
  message: string;
  errors?: Record<string, string>;
}

export interface ApiSchema {
  /** null when method+path is not in the schema */
  match(method: string, path: string): { template: string; pathParams: Record<string, string> } | null;
  /** params = path params + query + body merged; returns null when valid */
  validateRequest(method: string, path: string, params: Record<string, unknown>): null | RequestFailure;
  /** problems found in a response's `data` against the `returns` schema; extra fields allowed */
  validateResponse(method: string, path: string, data: unknown): string[];
}

/** Error map in the shape PVE puts in a 400 answer: parameter path → message. */
export type Errors = Record<string, string>;
