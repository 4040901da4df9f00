// commander requires node:child_process only to run executable subcommands, which pvectl does not
// use; loading the real module costs every start of pvectl a few milliseconds.
const unavailable = () => {
  throw new Error('pvectl: executable subcommands are not supported');
};
module.exports = { spawn: unavailable, execFile: unavailable, fork: unavailable };
