// One instance per `@console/*` path: webpack rewrites each such request to this file with the
// path as its resource query (see preview/webpack.config.js).
/* global __resourceQuery */
const { createConsoleModule } = require('./consoleInternals');

module.exports = createConsoleModule(decodeURIComponent(__resourceQuery.slice(1)));
