'use strict';
// In-memory stand-in for the Kubernetes/OpenShift API that the preview console talks to.
// See README.md in this folder.
const { Api } = require('./api');
const { Controllers } = require('./controllers');
const { createHttp } = require('./http');
const { seed, SCENARIOS } = require('./seed');
const { createValidator } = require('./validate');

/**
 * @param {{scenario?: string, user?: 'admin'|'developer', speed?: number,
 *   historySize?: number}} options speed multiplies every controller delay (0.05 = 20x faster);
 *   historySize bounds the watch replay history (older resourceVersions get 410 Gone).
 */
const createCluster = async ({
  scenario = 'mesh3',
  user = 'admin',
  speed = 1,
  historySize,
} = {}) => {
  if (!['admin', 'developer'].includes(user)) {
    throw new Error(`unknown user "${user}" (expected admin or developer)`);
  }
  const validator = await createValidator();
  const api = new Api({ validator, historySize });
  const controllers = new Controllers(api, { speed });
  // Identifies requests the preview server makes as the console's service account.
  const consoleToken = require('crypto').randomBytes(24).toString('hex');
  const cluster = { api, user, watches: new Set(), consoleToken };
  controllers.start();
  seed(api, controllers, scenario);
  const http = createHttp(cluster);
  // Every persisted change in order (dry-runs never reach the store): what was written, when,
  // and the phase it had, so tests can prove e.g. that a Subscription was created only after
  // the previous operator's CSV reached Succeeded.
  const record = [];
  api.store.onChange((ev) => {
    const o = ev.object;
    record.push({
      rv: ev.rv,
      type: ev.type,
      kind: o.kind,
      namespace: o.metadata.namespace,
      name: o.metadata.name,
      phase: o.status?.phase,
    });
  });
  return {
    record,
    handleRequest: (req, res, path) => http.handleRequest(req, res, path),
    handleUpgrade: (req, socket, head, path) => http.handleUpgrade(req, socket, head, path),
    close: () => {
      controllers.stop();
      http.close();
    },
    /** Switch the identity requests run as (the preview's user switcher). */
    setUser: (u) => {
      if (!['admin', 'developer'].includes(u)) throw new Error(`unknown user "${u}"`);
      cluster.user = u;
    },
    get user() {
      return cluster.user;
    },
    scenario,
    api,
    consoleToken,
  };
};

module.exports = { createCluster, SCENARIOS };
