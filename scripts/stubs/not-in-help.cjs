// What every import() of dist/help.cjs resolves to (scripts/build.mjs): the help bundle answers only
// root help and the version (bin/pvectl.js), where no noun's verbs are built and no verb runs, so
// none of them is ever reached; were one to be, this says so instead of running half a program.
throw new Error('pvectl: internal error: code outside the help bundle (dist/help.cjs) was loaded');
