'use strict';
// The floor of any pvectl API command (bench/startup.mjs): Node's own https.request of /version with
// the token, the answer to stdout, nothing else. No trust check: the simulator's certificate is
// self-signed, and pvectl's pinning is part of what pvectl costs.
const https = require('node:https');

const req = https.request(
  `${process.env.PVECTL_URL}/api2/json/version`,
  { rejectUnauthorized: false, headers: { authorization: `PVEAPIToken=${process.env.PVECTL_TOKEN}` } },
  (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => process.stdout.write(`${body}\n`));
  },
);
req.end();
