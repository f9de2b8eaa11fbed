/**
 * What the API server would refuse in the Gateway and HTTPRoute the ingress form writes, checked
 * before the dry-run so each problem lands on its field: object names, Gateway API's Hostname
 * type (its schema pattern and the rules its CEL and documentation add: no IP addresses, a
 * wildcard only as the whole first label), ports, and path prefixes.
 */
import type { GatewayApiGateway, GatewayApiHTTPRoute } from '../../models';
import { issue, onObject } from '../issues';
import type { Issue, IssuePath } from '../issues';
import { isDnsLabel } from '../primitives';
import type { IngressIssueCode } from './issueCodes';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A Kubernetes object name of the DNS-1123 subdomain kind (most kinds, HTTPRoute included). */
export const isDnsSubdomain = (s: string): boolean =>
  s.length > 0 && s.length <= 253 && DNS1123_SUBDOMAIN.test(s);

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * What is wrong with a Gateway API hostname (a listener's or a route's), or undefined. Precise
 * (`shop.example.com`) or wildcard (`*.example.com`); lowercase RFC 1123 labels of at most 63
 * characters, 253 in all; not an IP address.
 */
export const hostnameProblem = (value: string): IngressIssueCode | undefined => {
  if (value.length > 253) return 'ingress.hostname.too-long';
  if (IPV4.test(value) || value.includes(':')) return 'ingress.hostname.ip';
  const wildcard = value.startsWith('*.');
  const rest = wildcard ? value.slice(2) : value;
  if (rest.includes('*')) return 'ingress.hostname.wildcard';
  const labels = rest.split('.');
  if (!labels.every(isDnsLabel)) return 'ingress.hostname.invalid';
  return undefined;
};

/** A port typed in a form: a whole number from 1 to 65535, or undefined. */
export const parsePort = (text: string): number | undefined => {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= 1 && n <= 65535 ? n : undefined;
};

const portIssues = (port: unknown, path: IssuePath): Issue[] =>
  typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535
    ? []
    : [issue('ingress.port.invalid', path)];

const hostnameIssues = (value: string, path: IssuePath): Issue[] => {
  const code = hostnameProblem(value);
  return code ? [issue(code, path, { value })] : [];
};

/**
 * Whether Gateway API refuses a path prefix: it wants an absolute path without
 * `//`, `.`/`..` segments, an encoded slash or a fragment, of at most 1024 characters.
 */
export const pathProblem = (value: string): boolean =>
  !value.startsWith('/') ||
  value.length > 1024 ||
  value.includes('//') ||
  /\/\.\.?(\/|$)/.test(value) ||
  /%2f/i.test(value) ||
  value.includes('#');

/**
 * A Gateway's own problems. Its name must be one DNS label: Istio names the Deployment and
 * Service it runs for the Gateway after it, and a Service name is one label.
 */
export const validateIngressGateway = (gw: GatewayApiGateway): Issue[] => {
  const name = gw.metadata?.name ?? '';
  const found: Issue[] = [];
  if (!isDnsLabel(name)) {
    found.push(issue('ingress.gateway.name-invalid', ['metadata', 'name'], { value: name }));
  }
  (gw.spec?.listeners ?? []).forEach((l, i) => {
    found.push(...portIssues(l.port, ['spec', 'listeners', i, 'port']));
    if (l.hostname !== undefined) {
      found.push(...hostnameIssues(l.hostname, ['spec', 'listeners', i, 'hostname']));
    }
  });
  return onObject('Gateway', found);
};

/** An HTTPRoute's own problems: its name, hostnames, backend ports and path prefixes. */
export const validateIngressRoute = (route: GatewayApiHTTPRoute): Issue[] => {
  const name = route.metadata?.name ?? '';
  const found: Issue[] = [];
  if (!isDnsSubdomain(name)) {
    found.push(issue('ingress.route.name-invalid', ['metadata', 'name'], { value: name }));
  }
  (route.spec?.hostnames ?? []).forEach((h, i) =>
    found.push(...hostnameIssues(h, ['spec', 'hostnames', i])),
  );
  (route.spec?.rules ?? []).forEach((rule, r) => {
    (rule.matches ?? []).forEach((m, k) => {
      const value = m.path?.value;
      if (m.path?.type !== 'RegularExpression' && value !== undefined && pathProblem(value)) {
        found.push(
          issue('ingress.path.invalid', ['spec', 'rules', r, 'matches', k, 'path', 'value'], {
            value,
          }),
        );
      }
    });
    (rule.backendRefs ?? []).forEach((b, k) => {
      // Another kind of backend (an Istio Hostname) may leave the port to its kind.
      if ((b.kind ?? 'Service') === 'Service' && (b.group ?? '') === '' && b.port !== undefined) {
        found.push(...portIssues(b.port, ['spec', 'rules', r, 'backendRefs', k, 'port']));
      }
    });
  });
  return onObject('HTTPRoute', found);
};
