// Deep imports of undici's CommonJS modules (its package has no `exports` map). Importing them
// rather than 'undici' keeps its WHATWG fetch, webidl, cache and websocket code out of the bundle.
// The types are undici's own, for the classes these files export.
declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export default AgentClass;
}

declare module 'undici/lib/core/connect.js' {
  import type { buildConnector } from 'undici';
  const build: typeof buildConnector;
  export default build;
}
