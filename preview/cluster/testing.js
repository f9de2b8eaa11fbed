'use strict';
// Test helpers: run the standalone server as a real process and talk to it over HTTP/WS.
const { spawn } = require('child_process');
const path = require('path');
const WebSocket = require('ws');

/** Start `standalone.js` with extra args; resolves once it prints its address. */
const startServer = (args = []) =>
  new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [path.join(__dirname, 'standalone.js'), '--port', '0', ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 15000);
    proc.stderr.on('data', (d) => (err += d));
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          port: Number(m[2]),
          proc,
          stop: () =>
            new Promise((r) => {
              if (proc.exitCode !== null) return r();
              proc.once('exit', () => r());
              proc.kill('SIGTERM');
            }),
        });
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });

/** fetch wrapper returning {status, body (parsed JSON when possible), headers}. */
const client = (base) => {
  const call = async (method, p, body, headers = {}) => {
    const isPatch = method === 'PATCH';
    const res = await fetch(`${base}${p}`, {
      method,
      headers: {
        ...(body !== undefined
          ? { 'Content-Type': isPatch ? 'application/merge-patch+json' : 'application/json' }
          : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (e.g. healthz)
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    get: (p, h) => call('GET', p, undefined, h),
    post: (p, b, h) => call('POST', p, b, h),
    put: (p, b, h) => call('PUT', p, b, h),
    patch: (p, b, type = 'application/merge-patch+json', h = {}) =>
      call('PATCH', p, b, { 'Content-Type': type, ...h }),
    del: (p, b, h) => call('DELETE', p, b, h),
  };
};

/** Poll `fn` until it returns a truthy value (or throw after `ms`). */
const until = async (fn, ms = 10000, what = 'condition') => {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Collect newline-delimited watch events from a chunked HTTP watch. */
const httpWatch = async (url) => {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const events = [];
  const reader = res.body.getReader();
  let buf = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += Buffer.from(value).toString('utf8');
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, i)));
          buf = buf.slice(i + 1);
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: res.status,
    events,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
};

/** Open a WebSocket watch; resolves once open with {ws, events, protocol}. */
const wsWatch = (url, protocols) =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    const events = [];
    ws.on('message', (m) => events.push(JSON.parse(m.toString())));
    ws.once('open', () => resolve({ ws, events, protocol: ws.protocol }));
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    );
    ws.once('error', reject);
  });

module.exports = { startServer, client, until, httpWatch, wsWatch };
