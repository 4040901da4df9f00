// A hostile HTTPS server for bench/hostile.mjs, in its own process (the bench blocks in spawnSync):
// /api2/json/bomb answers 1 MiB of gzip that inflates to 1 GiB, /api2/json/big 100 MB of plain
// JSON. Prints {"url","fingerprint"} on stdout when ready.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:https';
import { createGzip } from 'node:zlib';
import forge from 'node-forge';

function selfSigned() {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  cert.setIssuer([{ name: 'commonName', value: '127.0.0.1' }]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const fingerprint = createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g).join(':');
  return { pem, key: keys.privateKey, fingerprint };
}

/** gzip of `total` bytes of spaces, made in chunks (never holding the inflated size). */
function gzipOfSpaces(total) {
  return new Promise((resolve) => {
    const gz = createGzip({ level: 9 });
    const out = [];
    gz.on('data', (c) => out.push(c));
    gz.on('end', () => resolve(Buffer.concat(out)));
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let left = total;
    const pump = () => {
      while (left > 0) {
        left -= chunk.length;
        if (!gz.write(chunk)) return void gz.once('drain', pump);
      }
      gz.end();
    };
    pump();
  });
}

const bomb = await gzipOfSpaces(1024 ** 3);
const big = Buffer.concat([Buffer.from('{"data":"'), Buffer.alloc(100_000_000, 0x61), Buffer.from('"}')]);
const { pem, key, fingerprint } = selfSigned();
const server = createServer({ cert: pem, key }, (req, res) => {
  if (req.url.startsWith('/api2/json/bomb')) {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    return void res.end(bomb);
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(big);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(
    `${JSON.stringify({ url: `https://127.0.0.1:${port}`, fingerprint, bombBytes: bomb.length })}\n`,
  );
});
