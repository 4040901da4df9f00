import { defineConfig } from 'vitest/config';
import base from '../vitest.config.js';

// The subset CI runs again under Node 22 and 24 (.ci/run; README, "Node versions"): the built CLI
// end to end against pvesim (a user's first session, the console in a pseudo-terminal), the V8 code
// cache (its data and flag hashes are V8's own; vm list changes a flag on Node 20 only), the help
// bundle, and the transport, which leans on node:https internals that
// change between versions (the Agent's createConnection callback, the errors of a connection that
// ends before TLS). Everything else as the main config has it; paths are from the repository root.
export const NODE_VERSION_FILES = [
  'test/e2e/node-versions.test.ts',
  'test/e2e/console.test.ts',
  'test/e2e/help-bundle.test.ts',
  'test/cli/code-cache.test.ts',
  'test/packaging/code-cache.test.ts',
  'test/e2e/code-cache-flags.test.ts',
  'test/commands/list-tiering.test.ts',
  'test/api/trusting-agent.test.ts',
  'test/api/never-sent.test.ts',
];

export default defineConfig({ ...base, test: { ...base.test, include: NODE_VERSION_FILES } });
