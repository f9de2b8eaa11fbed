#!/usr/bin/env node
// The preview console's server: what the OpenShift console's bridge does for a plugin, in
// front of one of two hosts: our own preview host app (host 'preview', the default: it starts
// in seconds) or the real OpenShift console frontend (host 'console', see consoleHost.js).
// - serves the host's index.html with SERVER_FLAGS and the console's Content-Security-Policy
//   (Report-Only, as console 4.22 sends it, or enforced with csp: 'enforce');
// - /api/plugins/<name>/ from dist/ (the production build the Helm chart serves);
// - /locales/resource.json from the plugin's catalogues;
// - /api/kubernetes/ (HTTP and WebSocket watches) to the stand-in cluster, or to a real cluster;
// - /api/proxy/plugin/<name>/<alias>/ for the plugin's declared proxies;
// - /api/prometheus/ and /api/prometheus-tenancy/ (query, query_range, rules) to the stand-in
//   Prometheus, on the stand-in cluster only (404, as an unconfigured bridge, otherwise);
// - the console's CSRF rule: writes must echo the csrf-token cookie in X-CSRFToken.
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const https = require('https');
const path = require('path');
const { URL } = require('url');
const { consoleCsp } = require('./consoleHost');

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
 * override the stand-in's), observability ({kiali: 'error'|'malformed', prometheus: 'error'}:
 * make every call to the stand-in Kiali or Prometheus fail that way), host ('preview' |
 * 'console'), consoleDist (the console build for host 'console'), csp ('report-only', as console
 * 4.22 sends it, or 'enforce'). The result's `prometheus` (stand-in cluster only) has
 * `advance(seconds)` to let time pass for the metrics and `now()`.
 */
const startPreview = async (opts = {}) => {
  const user = opts.user ?? 'admin';
  const hostName = opts.host ?? 'preview';
  if (!['preview', 'console'].includes(hostName))
    throw new Error(`Unknown host ${hostName}: use preview or console`);
  const cspHeader =
    (opts.csp ?? 'report-only') === 'enforce'
      ? 'Content-Security-Policy'
      : 'Content-Security-Policy-Report-Only';
  let backend;
  let proxies = { ...opts.proxies };
  // The console's Prometheus (Thanos querier): a stand-in over the stand-in cluster's traffic.
  let prometheus;
  if (opts.cluster) {
    backend = realClusterBackend(opts.cluster);
  } else {
    const { createCluster } = require('./cluster');
    const { createObservabilityProxies } = require('./kiali');
    const { createPrometheus } = require('./prometheus');
    backend = await createCluster({ scenario: opts.scenario ?? 'mesh3', user, speed: opts.speed });
    try {
      proxies = { ...createObservabilityProxies(backend, opts.observability), ...opts.proxies };
      prometheus = createPrometheus(backend, { mode: opts.observability?.prometheus });
    } catch (e) {
      backend.close();
      throw e;
    }
  }
  // What the bridge sets when it proxies Thanos (pkg/server jsGlobals); empty without it.
  const prometheusFlags = {
    prometheusBaseURL: prometheus ? '/api/prometheus' : '',
    prometheusTenancyBaseURL: prometheus ? '/api/prometheus-tenancy' : '',
  };
  const dist = path.join(root, 'dist');
  let port;
  // The Kubernetes API as the user, through this server's own proxy (what the bridge's GraphQL
  // resolvers and user-settings handler do with the user's token).
  const kube = (method, p, body, { asConsole = false } = {}) =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: `/api/kubernetes${p}`,
          headers: {
            Accept: 'application/json',
            cookie: 'csrf-token=internal',
            'x-csrftoken': 'internal',
            // As the console's service account where the bridge uses it; against a real cluster
            // the preview has only the user's token.
            ...(asConsole && backend.consoleToken
              ? { 'x-preview-console-token': backend.consoleToken }
              : {}),
            ...(data ? { 'Content-Type': 'application/json' } : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', reject);
      req.end(data);
    });

  let host;
  if (hostName === 'console') {
    const { createConsoleHost } = require('./consoleHost');
    try {
      host = createConsoleHost({
        consoleDist: opts.consoleDist,
        plugins: [PLUGIN],
        releaseVersion: RELEASE,
        kube,
        prometheus: Boolean(prometheus),
      });
    } catch (e) {
      prometheus?.close();
      backend.close?.();
      throw e;
    }
  } else {
    const flags = {
      basePath: '/',
      releaseVersion: RELEASE,
      consolePlugins: [PLUGIN],
      i18nNamespaces: [`plugin__${PLUGIN}`],
      user: opts.cluster ? 'cluster user' : user === 'admin' ? 'kube:admin' : user,
      ...prometheusFlags,
    };
    host = {
      name: 'preview',
      // The bridge's policy as an on-cluster console sends it.
      index: (nonce) => ({ body: indexHtml(nonce, flags), csp: consoleCsp(nonce) }),
      handleApi: async () => false,
      handleUpgrade: () => false,
      close: () => {},
      localesDir: undefined,
    };
  }

  const serveStatic = (res, p) => {
    if (host.name === 'console') return serveFile(res, host.staticDir, p.slice('/static/'.length));
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
    return send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
  };

  const handle = async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const p = url.pathname;
    const method = req.method.toUpperCase();
    // The bridge's CSRF rule covers every authenticated endpoint.
    if (p.startsWith('/api/') && !['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes(method)) {
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
      const lng = path.basename(url.searchParams.get('lng') ?? '');
      const ns = path.basename(url.searchParams.get('ns') ?? '');
      if (host.name === 'console' && (!lng || !ns)) {
        return send(res, 400, { error: `GET request "${req.url}" is missing 'lng' or 'ns'` });
      }
      const dir = ns.startsWith('plugin__')
        ? path.join(dist, 'locales', lng || 'en')
        : host.localesDir && path.join(host.localesDir, lng);
      const file = dir && path.join(dir, `${ns}.json`);
      if (file && fs.existsSync(file))
        return serveFile(res, dir, `${ns}.json`, { 'Cache-Control': 'no-cache' });
      return host.name === 'console'
        ? send(res, 404, 'not found', { 'Content-Type': 'text/plain' })
        : send(res, 200, {}, { 'Content-Type': 'application/json' });
    }
    if (p.startsWith(`/api/proxy/plugin/${PLUGIN}/`)) {
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
    if (prometheus && /^\/api\/prometheus(-tenancy)?\//.test(p))
      return prometheus.handle(req, res, url);
    if (p.startsWith('/api/')) {
      if (await host.handleApi(req, res, p, url)) return undefined;
      // The bridge's catch-all for /api/: features it was not configured with.
      return send(res, 404, 'not found', { 'Content-Type': 'text/plain' });
    }
    if (p.startsWith('/static/')) return serveStatic(res, p);
    if (req.method !== 'GET')
      return send(res, 405, 'Method not allowed', { 'Content-Type': 'text/plain' });

    const nonce = crypto.randomBytes(24).toString('base64url');
    const index = host.index(nonce);
    const headers = {
      'Content-Type': MIME['.html'],
      [cspHeader]: index.csp,
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    if (!cookies(req)['csrf-token']) {
      headers['Set-Cookie'] =
        `csrf-token=${crypto.randomBytes(32).toString('hex')}; Path=/; SameSite=Strict`;
    }
    return send(res, 200, index.body, headers);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) send(res, 500, String(e?.stack ?? e), { 'Content-Type': 'text/plain' });
      else res.destroy();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url, 'http://localhost');
    // The bridge checks WebSocket origins instead of the CSRF header.
    const origin = req.headers.origin;
    if (origin && new URL(origin).host !== req.headers.host) return socket.destroy();
    if (host.handleUpgrade(req, socket, head, url.pathname)) return undefined;
    if (!url.pathname.startsWith('/api/kubernetes/')) return socket.destroy();
    return backend.handleUpgrade(req, socket, head, req.url.slice('/api/kubernetes'.length));
  });

  await new Promise((resolve) =>
    server.listen(opts.port ?? 9000, opts.address ?? '127.0.0.1', resolve),
  );
  port = server.address().port;
  return {
    port,
    url: `http://localhost:${port}`,
    host: host.name,
    backend,
    prometheus: prometheus && {
      advance: prometheus.advance,
      now: prometheus.now,
      timeline: prometheus.timeline,
    },
    close: () =>
      new Promise((resolve) => {
        prometheus?.close();
        backend.close?.();
        host.close();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
};

module.exports = { startPreview };
