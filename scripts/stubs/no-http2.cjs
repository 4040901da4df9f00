// undici loads node:http2 for its HTTP/2 client, which pvectl never enables (allowH2 is off), and
// runs without it when it is missing (dispatcher/client-h2.js catches the require): this spares
// every API command compiling node:http2 and its internals at start.
throw new Error('pvectl: HTTP/1.1 only');
