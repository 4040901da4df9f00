// pvesim checks requests against Proxmox's own API schema, which is AGPL-3.0 (pve-docs'
// debian/copyright covers its *.js), so the package does not ship it: the user is told where to
// get it. Locations from proxmox/pve-docs: the Makefile's `doc-install` installs
// api-viewer/apidoc.js (apidata.js, which scripts/extractapi.pl writes as `const apiSchema = [...]`
// followed by `;`, then the viewer's code) into /usr/share/pve-docs/api-viewer/.

const EXTRACT =
  'node -e \'const s=require("fs").readFileSync(0,"utf8"),a=s.indexOf("[");' +
  'process.stdout.write(s.slice(a,s.indexOf("\\n;\\n",a)+1))\'';

/** Lines (without the "pvesim: " prefix) telling how to get apidoc.json and point pvesim at it. */
export const SCHEMA_HOW_TO: readonly string[] = [
  "the schema is Proxmox's own file (AGPL-3.0), so pvesim does not ship it. To get it as apidoc.json:",
  '  on a Proxmox VE node (package pve-docs) it is the array `const apiSchema = [...]` at the top of',
  '  /usr/share/pve-docs/api-viewer/apidoc.js; copy it out:',
  `    ssh root@NODE cat /usr/share/pve-docs/api-viewer/apidoc.js | ${EXTRACT} > apidoc.json`,
  '  or take api-viewer/apidata.js from the pve-docs sources (git://git.proxmox.com/git/pve-docs.git,',
  `  mirrored at https://github.com/proxmox/pve-docs) and run the same: ${EXTRACT} < apidata.js > apidoc.json`,
  'then: export PVESIM_SCHEMA=/path/to/apidoc.json (or pass --schema FILE; in a pvectl checkout',
  '  ../shared/pve-api/apidoc.json is found by itself)',
];
