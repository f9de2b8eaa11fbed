'use strict';
// Serve the stand-in API at the root path, e.g. for kubectl:
//   node preview/cluster/standalone.js --port 0 --scenario mesh3 [--user developer]
//     [--speed 0.1] [--history 5000]
// Prints "listening on http://127.0.0.1:<port>" once ready.
const http = require('http');
const { createCluster } = require('./index');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : dflt;
};

const main = async () => {
  const cluster = await createCluster({
    scenario: arg('scenario', 'mesh3'),
    user: arg('user', 'admin'),
    speed: Number(arg('speed', '1')),
    historySize: arg('history') ? Number(arg('history')) : undefined,
  });
  const server = http.createServer((req, res) => cluster.handleRequest(req, res, req.url));
  server.on('upgrade', (req, socket, head) => cluster.handleUpgrade(req, socket, head, req.url));
  server.listen(Number(arg('port', '0')), arg('host', '127.0.0.1'), () => {
    const { port } = server.address();
    console.log(`listening on http://127.0.0.1:${port}`);
  });
  const shutdown = () => {
    cluster.close();
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
