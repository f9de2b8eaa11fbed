#!/usr/bin/env node
// The preview console's server: what the OpenShift console's bridge does for a plugin.
// - serves the host app with the console's Content-Security-Policy, enforced, and SERVER_FLAGS;
// - /api/plugins/<name>/ from dist/ (the production build the Helm chart serves);
// - /locales/resource.json from the plugin's catalogues;
// - /api/kubernetes/ (HTTP and WebSocket watches) to the stand-in cluster, or to a real cluster;
// - /api/proxy/plugin/<name>/<alias>/ for the plugin's declared proxies;
// - the console's CSRF rule: writes must echo the csrf-token cookie in X-CSRFToken.
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const https = require('https');
const path = require('path');
const { URL } = require('url');

const root = path.resolve(__dirname, '..');
const PLUGIN = 'mesh-console-plugin';
const RELEASE = '4.22.0';

const MIME = {
  '.js': 'application/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

const cspFor = (nonce) =>
  [
    "default-src 'self'",
    "base-uri 'self'",
    "object-src 'self'",
    `script-src 'self' 'unsafe-eval' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

const send = (res, status, body, headers = {}) => {
  const data = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Length': Buffer.byteLength(data), ...headers });
  res.end(data);
};

const status = (res, code, reason, message) =>
  send(
    res,
    code,
    { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code },
    { 'Content-Type': 'application/json' },
  );

/** Serves a file under `dir`, refusing anything that escapes it. */
const serveFile = (res, dir, rel, headers = {}) => {
  const file = path.resolve(dir, `.${path.posix.normalize(`/${rel}`)}`);
  if (!file.startsWith(path.resolve(dir)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
  }
  const type = MIME[path.extname(file)] ?? 'application/octet-stream';
  return send(res, 200, fs.readFileSync(file), {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
};

const cookies = (req) =>
  Object.fromEntries(
    (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter(([k]) => k),
  );

const indexHtml = (nonce, flags) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Preview console</title>
<link rel="stylesheet" href="/static/patternfly/patternfly.css">
<link rel="stylesheet" href="/static/patternfly/patternfly-addons.css">
<link rel="stylesheet" href="/static/console-sdk.css">
<script nonce="${nonce}">window.SERVER_FLAGS = ${JSON.stringify(flags)};</script>
</head>
<body>
<div id="app"></div>
<script src="/static/host/host.js"></script>
</body>
</html>`;

/** A backend for /api/kubernetes: the stand-in cluster, or a real API server. */
const realClusterBackend = ({ server, token, insecure }) => {
  const target = new URL(server);
  const client = target.protocol === 'https:' ? https : http;
  const options = (req, p) => ({
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port,
    method: req.method,
    path: `${target.pathname.replace(/\/$/, '')}${p}`,
    headers: {
      ...Object.fromEntries(
        Object.entries(req.headers).filter(
          ([k]) => !['host', 'cookie', 'x-csrftoken', 'origin', 'referer'].includes(k),
        ),
      ),
      host: target.host,
      authorization: `Bearer ${token}`,
    },
    rejectUnauthorized: !insecure,
  });
  return {
    handleRequest(req, res, p) {
      const upstream = client.request(options(req, p), (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', (e) => status(res, 502, 'BadGateway', `cluster: ${e.message}`));
      req.pipe(upstream);
    },
    handleUpgrade(req, socket, head, p) {
      const upstream = client.request(options(req, p));
      upstream.on('upgrade', (up, upSocket, upHead) => {
        const lines = [`HTTP/1.1 101 Switching Protocols`];
        for (let i = 0; i < up.rawHeaders.length; i += 2)
          lines.push(`${up.rawHeaders[i]}: ${up.rawHeaders[i + 1]}`);
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (upHead?.length) socket.write(upHead);
        if (head?.length) upSocket.write(head);
        upSocket.pipe(socket).pipe(upSocket);
      });
      upstream.on('error', () => socket.destroy());
      upstream.end();
    },
    close() {},
  };
};

/**
 * Starts the preview server. Options: port, scenario, user, cluster ({server, token, insecure})
 * for real-cluster mode, speed (stand-in controller delays), proxies (alias -> handler; these
 * override the stand-in's), observability ({kiali: 'error'|'malformed'}: make every call to the
 * stand-in Kiali fail that way).
 */
const startPreview = async (opts = {}) => {
  const user = opts.user ?? 'admin';
  let backend;
  let proxies = { ...opts.proxies };
  if (opts.cluster) {
    backend = realClusterBackend(opts.cluster);
  } else {
    const { createCluster } = require('./cluster');
    const { createObservabilityProxies } = require('./kiali');
    backend = await createCluster({ scenario: opts.scenario ?? 'mesh3', user, speed: opts.speed });
    try {
      proxies = { ...createObservabilityProxies(backend, opts.observability), ...opts.proxies };
    } catch (e) {
      backend.close();
      throw e;
    }
  }
  const dist = path.join(root, 'dist');
  const flags = {
    basePath: '/',
    releaseVersion: RELEASE,
    consolePlugins: [PLUGIN],
    i18nNamespaces: [`plugin__${PLUGIN}`],
    user: opts.cluster ? 'cluster user' : user === 'admin' ? 'kube:admin' : user,
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const p = url.pathname;
    const proxied = p.startsWith(`/api/proxy/plugin/${PLUGIN}/`);
    if (p.startsWith('/api/kubernetes/') || p === '/api/kubernetes' || proxied) {
      const method = req.method.toUpperCase();
      if (!['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes(method)) {
        const token = cookies(req)['csrf-token'];
        if (!token || req.headers['x-csrftoken'] !== token) {
          return status(
            res,
            403,
            'Forbidden',
            'CSRF token missing or invalid (send X-CSRFToken = csrf-token cookie)',
          );
        }
      }
    }
    if (p.startsWith('/api/kubernetes/') || p === '/api/kubernetes') {
      return backend.handleRequest(req, res, req.url.slice('/api/kubernetes'.length) || '/');
    }
    if (p.startsWith(`/api/plugins/${PLUGIN}/`)) {
      const rel = p.slice(`/api/plugins/${PLUGIN}/`.length);
      const cache =
        rel === 'plugin-manifest.json' ? 'no-cache' : 'public, max-age=31536000, immutable';
      return serveFile(res, dist, rel, { 'Cache-Control': cache });
    }
    if (p.startsWith('/api/plugins/'))
      return send(res, 404, 'Unknown plugin', { 'Content-Type': 'text/plain' });
    if (p === '/locales/resource.json') {
      const lng = url.searchParams.get('lng') ?? 'en';
      const ns = url.searchParams.get('ns') ?? '';
      const file = path.join(dist, 'locales', path.basename(lng), `${path.basename(ns)}.json`);
      return fs.existsSync(file) && ns.startsWith('plugin__')
        ? serveFile(res, path.dirname(file), path.basename(file), { 'Cache-Control': 'no-cache' })
        : send(res, 200, {}, { 'Content-Type': 'application/json' });
    }
    if (proxied) {
      const [alias, ...rest] = p.slice(`/api/proxy/plugin/${PLUGIN}/`.length).split('/');
      const handler = proxies[alias];
      res.setHeader('Content-Security-Policy', 'sandbox');
      if (!handler)
        return status(
          res,
          502,
          'BadGateway',
          `No service behind the "${alias}" proxy of ${PLUGIN}`,
        );
      return handler(req, res, `/${rest.join('/')}${url.search}`);
    }
    if (p.startsWith('/static/patternfly/')) {
      return serveFile(
        res,
        path.join(root, 'node_modules/@patternfly/patternfly'),
        p.slice('/static/patternfly/'.length),
      );
    }
    if (p.startsWith('/static/host/'))
      return serveFile(
        res,
        path.join(root, '.cache/preview-host'),
        p.slice('/static/host/'.length),
      );
    if (p === '/static/console-sdk.css')
      return serveFile(res, path.join(__dirname, 'static'), 'console-sdk.css');
    if (p.startsWith('/api/') || p.startsWith('/static/'))
      return send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
    if (req.method !== 'GET')
      return send(res, 405, 'Method not allowed', { 'Content-Type': 'text/plain' });

    const nonce = crypto.randomBytes(16).toString('base64');
    const headers = {
      'Content-Type': MIME['.html'],
      'Content-Security-Policy': cspFor(nonce),
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-cache',
    };
    if (!cookies(req)['csrf-token']) {
      headers['Set-Cookie'] =
        `csrf-token=${crypto.randomBytes(32).toString('hex')}; Path=/; SameSite=Strict`;
    }
    return send(res, 200, indexHtml(nonce, flags), headers);
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url, 'http://localhost');
    // The bridge checks WebSocket origins instead of the CSRF header.
    const origin = req.headers.origin;
    if (origin && new URL(origin).host !== req.headers.host) return socket.destroy();
    if (!url.pathname.startsWith('/api/kubernetes/')) return socket.destroy();
    return backend.handleUpgrade(req, socket, head, req.url.slice('/api/kubernetes'.length));
  });

  await new Promise((resolve) =>
    server.listen(opts.port ?? 9000, opts.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address();
  return {
    port,
    url: `http://localhost:${port}`,
    backend,
    close: () =>
      new Promise((resolve) => {
        backend.close?.();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
};

module.exports = { startPreview, cspFor };
