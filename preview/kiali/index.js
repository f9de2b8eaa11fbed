'use strict';
// Stand-in observability backends for the preview console's plugin proxy. See README.md here.
const { createKialiHandler } = require('./kialiHandler');

const KIALI_MODES = ['error', 'malformed'];

/**
 * Proxy handlers (alias -> (req, res, pathWithQuery)) for the stand-in cluster `cluster`.
 * @param {{api: object, user: string}} cluster what createCluster returned
 * @param {{kiali?: 'error'|'malformed'}} [observability] failure injection: every Kiali call
 *   answers 500 {"error"} ('error') or 200 with a body of the wrong shape ('malformed')
 */
const createObservabilityProxies = (cluster, observability = {}) => {
  const mode = observability.kiali ?? undefined;
  if (mode !== undefined && !KIALI_MODES.includes(mode)) {
    throw new Error(`observability.kiali must be one of ${KIALI_MODES.join(', ')} (got "${mode}")`);
  }
  return { kiali: createKialiHandler(cluster, { mode }) };
};

module.exports = { createObservabilityProxies, KIALI_MODES };
