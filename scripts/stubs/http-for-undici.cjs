// undici's dispatcher takes two things from node:http: maxHeaderSize (dispatcher/client.js) and the
// IncomingMessage class (core/util.js, to treat a server's request stream specially when it is
// destroyed). Loading node:http compiles its client, server, agent and parser modules at every API
// command's start. pvectl runs no server and loads node:http nowhere else, so no IncomingMessage can
// exist here; the header limit is Node's default unless --max-http-header-size is given, and then
// the real module answers.
const custom = /--max-http-header-size/.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`);
// undici's fetch (used only by the WebSocket of `vm console`, loaded with it) also takes the status
// texts: they come from the real module, loaded only then.
module.exports = custom
  ? require('node:http')
  : {
      maxHeaderSize: 16 * 1024,
      IncomingMessage: class IncomingMessage {},
      get STATUS_CODES() {
        return require('node:http').STATUS_CODES;
      },
    };
