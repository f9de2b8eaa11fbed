// Host implementations of the console-internal modules the published SDK requires by path
// (`require('@console/internal/...')`). The webpack config routes every `@console/*` request to
// consoleModule.js, which asks createConsoleModule for that path's exports. Anything the host
// does not implement becomes a marked placeholder that records its use: browser tests fail on it.
import {
  useExtensions,
  useResolvedExtensions as useCoreResolvedExtensions,
} from '@openshift/dynamic-plugin-sdk';
import type { Extension } from '@openshift/dynamic-plugin-sdk';
import type {
  K8sGroupVersionKind,
  K8sModel,
  ResourceLinkProps,
} from '@openshift-console/dynamic-plugin-sdk';
import { HttpError } from '@openshift-console/dynamic-plugin-sdk/lib/utils/error/http-error';
import { useK8sModel } from '@openshift-console/dynamic-plugin-sdk/lib/utils/k8s/hooks/useK8sModel';
import { Alert, Button, Tab, Tabs, TabTitleText, TextArea, Title } from '@patternfly/react-core';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { FC, ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { TableData, VirtualizedTable, makeListPageFilter, useListPageFilter } from './listPage';
import { QueryBrowser, usePrometheusPoll } from './prometheus';

// ---------------------------------------------------------------- placeholders
declare global {
  interface Window {
    __PREVIEW_SDK_PLACEHOLDERS__: string[];
  }
}
window.__PREVIEW_SDK_PLACEHOLDERS__ = window.__PREVIEW_SDK_PLACEHOLDERS__ ?? [];

const placeholder = (name: string) => {
  const Placeholder = () => {
    window.__PREVIEW_SDK_PLACEHOLDERS__.push(name);
    return (
      <Alert isInline variant="danger" title={`Not implemented in the preview console: ${name}`}>
        <span data-test="sdk-placeholder">{name}</span>
      </Alert>
    );
  };
  return Placeholder;
};

// ---------------------------------------------------------------- fetch
const csrfToken = () =>
  document.cookie
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === 'csrf-token')?.[1];

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Like the console's coFetch: CSRF header on writes, a timeout, and HttpError on failure. */
export const coFetch = async (url: string, options: RequestInit = {}, timeout?: number | null) => {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers = new Headers(options.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (!SAFE.has(method)) headers.set('X-CSRFToken', csrfToken() ?? '');
  const controller = new AbortController();
  const timer = timeout ? window.setTimeout(() => controller.abort(), timeout) : undefined;
  try {
    const response = await fetch(url, { ...options, method, headers, signal: controller.signal });
    if (response.ok) return response;
    // The console's validateStatus: a JSON body's first cause, `message` or `error` (Kiali's
    // `{"error"}`), else the status text; a body that is not JSON is not read.
    const text = await response.text();
    let json:
      | {
          message?: string;
          error?: string;
          details?: { causes?: { message?: string; field?: string }[] };
        }
      | undefined;
    try {
      json = (response.headers.get('content-type') ?? '').includes('json')
        ? JSON.parse(text)
        : undefined;
    } catch {
      json = undefined;
    }
    const cause = json?.details?.causes?.[0];
    throw new HttpError(
      (cause && `Error "${cause.message}" for field "${cause.field}".`) ||
        json?.message ||
        json?.error ||
        response.statusText,
      response.status,
      response,
      json,
    );
  } finally {
    if (timer) window.clearTimeout(timer);
  }
};

const parse = async (response: Response) => {
  const text = await response.text();
  return text ? JSON.parse(text) : {};
};

export const coFetchJSON = Object.assign(
  async (url: string, method = 'GET', options: RequestInit = {}, timeout?: number | null) =>
    parse(await coFetch(url, { ...options, method }, timeout)),
  {
    delete: (url: string, json?: unknown, options: RequestInit = {}, timeout?: number | null) =>
      coFetchJSON(url, 'DELETE', withBody(json, 'application/json', options), timeout),
    post: (url: string, json: unknown, options: RequestInit = {}, timeout?: number | null) =>
      coFetchJSON(url, 'POST', withBody(json, 'application/json', options), timeout),
    put: (url: string, json: unknown, options: RequestInit = {}, timeout?: number | null) =>
      coFetchJSON(url, 'PUT', withBody(json, 'application/json', options), timeout),
    // The console sends every PATCH as a JSON patch; so do we.
    patch: (url: string, json: unknown, options: RequestInit = {}, timeout?: number | null) =>
      coFetchJSON(url, 'PATCH', withBody(json, 'application/json-patch+json', options), timeout),
  },
);

function withBody(json: unknown, contentType: string, options: RequestInit | null): RequestInit {
  if (json === undefined || json === null) return options ?? {};
  const headers = new Headers(options?.headers);
  headers.set('Content-Type', contentType);
  return { ...options, headers, body: JSON.stringify(json) };
}

export const coFetchText = async (url: string, options: RequestInit = {}, timeout?: number) =>
  (await coFetch(url, options, timeout)).text();

// ---------------------------------------------------------------- active namespace
export const ALL_NAMESPACES_KEY = '#ALL_NS#';
let activeNamespace = new URLSearchParams(window.location.search).get('ns') ?? ALL_NAMESPACES_KEY;
const nsListeners = new Set<() => void>();
export const setActiveNamespace = (ns: string) => {
  activeNamespace = ns;
  nsListeners.forEach((l) => l());
};
export const useActiveNamespace = (): [string, (ns: string) => void] => [
  useSyncExternalStore(
    (l) => {
      nsListeners.add(l);
      return () => nsListeners.delete(l);
    },
    () => activeNamespace,
  ),
  setActiveNamespace,
];

// ---------------------------------------------------------------- links and icons
const CORE_PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  Project: 'projects',
  Service: 'services',
  Pod: 'pods',
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
};

const gvkFromRef = (ref?: string): K8sGroupVersionKind | undefined => {
  if (!ref) return undefined;
  const parts = ref.split('~');
  return parts.length === 3
    ? { group: parts[0], version: parts[1], kind: parts[2] }
    : { kind: ref, version: 'v1' };
};

/** The console's URL for an object: core kinds by plural, others by group~version~Kind. */
export const resourceURL = (gvk: K8sGroupVersionKind, name?: string, namespace?: string) => {
  const segment =
    (!gvk.group || ['core', 'apps', 'project.openshift.io'].includes(gvk.group)) &&
    CORE_PLURALS[gvk.kind]
      ? CORE_PLURALS[gvk.kind]
      : `${gvk.group || 'core'}~${gvk.version}~${gvk.kind}`;
  const base = namespace ? `/k8s/ns/${namespace}/${segment}` : `/k8s/cluster/${segment}`;
  return name ? `${base}/${name}` : base;
};

type ModelMetadata = {
  type: 'console.model-metadata';
  properties: { model: { group: string; version?: string; kind?: string }; color?: string };
};
const isModelMetadata = (e: { type: string }): e is ModelMetadata =>
  e.type === 'console.model-metadata';

/**
 * The console's ResourceIcon (public/components/utils/resource-icon.tsx): the kind's abbreviation
 * in a `co-m-resource-icon co-m-resource-<kind>` badge, coloured by the console's stylesheet or
 * by a plugin's console.model-metadata `color`, with the kind for screen readers.
 */
export const ResourceIcon: FC<{
  groupVersionKind?: K8sGroupVersionKind;
  kind?: string;
  className?: string;
}> = ({ groupVersionKind, kind, className }) => {
  const gvk = groupVersionKind ?? gvkFromRef(kind);
  const [model] = useK8sModel(gvk) as [K8sModel | undefined, boolean];
  const metadata = useExtensions(isModelMetadata).filter(
    ({ properties: { model: m } }) =>
      m.group === (gvk?.group ?? '') &&
      (m.kind === undefined || m.kind === gvk?.kind) &&
      (m.version === undefined || m.version === gvk?.version),
  );
  const color = metadata.map((e) => e.properties.color).find(Boolean);
  const kindStr = model?.kind ?? gvk?.kind ?? '?';
  const abbr = model?.abbr ?? kindStr.replace(/[a-z]/g, '').slice(0, 4);
  return (
    <>
      <span className="pf-v6-u-screen-reader">{kindStr}</span>
      <span
        className={`co-m-resource-icon co-m-resource-${kindStr.toLowerCase()}${className ? ` ${className}` : ''}`}
        title={kindStr}
        style={{ backgroundColor: color }}
      >
        {abbr}
      </span>
    </>
  );
};

export const ResourceLink: FC<ResourceLinkProps> = ({
  groupVersionKind,
  kind,
  name,
  namespace,
  displayName,
  hideIcon,
  linkTo = true,
  dataTest,
  children,
}) => {
  const gvk = groupVersionKind ?? gvkFromRef(kind);
  if (!gvk || !name) return null;
  const text = displayName ?? name;
  return (
    <span data-test={dataTest ?? `resource-link-${name}`} className="preview-resource-link">
      {!hideIcon && <ResourceIcon groupVersionKind={gvk} />}{' '}
      {linkTo ? <Link to={resourceURL(gvk, name, namespace)}>{text}</Link> : text}
      {children}
    </span>
  );
};

// ---------------------------------------------------------------- page pieces
export const DocumentTitle: FC<{ children: string }> = ({ children }) => {
  useEffect(() => {
    document.title = `${children} · Preview console`;
  }, [children]);
  return null;
};

export const Timestamp: FC<{ timestamp: string | number | Date; simple?: boolean }> = ({
  timestamp,
}) => {
  const date = new Date(timestamp);
  return <time dateTime={date.toISOString()}>{date.toLocaleString()}</time>;
};

export const ListPageHeader: FC<{ title: string; children?: ReactNode; helpText?: ReactNode }> = ({
  title,
  children,
  helpText,
}) => (
  <div className="pf-v6-c-page__main-section">
    <Title headingLevel="h1">{title}</Title>
    {helpText}
    {children}
  </div>
);

export const ListPageCreateLink: FC<{ to: string; children?: ReactNode }> = ({ to, children }) => (
  <Link to={to} className="pf-v6-c-button pf-m-primary">
    {children}
  </Link>
);

export const ListPageCreateButton: FC<{ onClick?: () => void; children?: ReactNode }> = ({
  onClick,
  children,
}) => (
  <Button variant="primary" onClick={onClick}>
    {children}
  </Button>
);

export const ErrorBoundaryFallbackPage: FC<{ errorMessage?: string; title?: string }> = ({
  errorMessage,
  title,
}) => (
  <Alert variant="danger" title={title ?? 'Something went wrong'}>
    {errorMessage}
  </Alert>
);

/** Horizontal tabs over `pages` ({href, name, component}), routed by the last URL segment. */
export const HorizontalNavFacade: FC<{
  pages: { href: string; name: string; component: FC<Record<string, unknown>> }[];
  resource?: unknown;
  obj?: { data?: unknown };
}> = ({ pages, resource, obj }) => {
  const location = useLocation();
  const navigate = useNavigate();
  const [active, setActive] = useState(0);
  const idx = Math.max(
    0,
    pages.findIndex((p) => p.href && location.pathname.endsWith(`/${p.href}`)),
  );
  useEffect(() => setActive(idx), [idx]);
  const Page = pages[active]?.component;
  return (
    <>
      <Tabs
        activeKey={active}
        onSelect={(_, k) => {
          navigate(pages[Number(k)].href);
          setActive(Number(k));
        }}
      >
        {pages.map((p, i) => (
          <Tab key={p.href || p.name} eventKey={i} title={<TabTitleText>{p.name}</TabTitleText>} />
        ))}
      </Tabs>
      {Page && <Page obj={obj?.data ?? resource} />}
    </>
  );
};

// ---------------------------------------------------------------- code editors
type CodeEditorProps = {
  value?: string;
  language?: string;
  onChange?: (value: string) => void;
  minHeight?: string | number;
  isReadOnly?: boolean;
};

/** A plain editor in place of the console's Monaco: enough to read and edit YAML. */
export const AsyncCodeEditor: FC<CodeEditorProps> = ({
  value,
  onChange,
  isReadOnly,
  minHeight,
}) => (
  <TextArea
    aria-label="Code editor"
    data-test="code-editor"
    value={value}
    readOnlyVariant={isReadOnly ? 'default' : undefined}
    onChange={(_, v) => onChange?.(v)}
    style={{
      minHeight: minHeight ?? '20em',
      fontFamily: 'var(--pf-t--global--font--family--mono)',
    }}
    resizeOrientation="vertical"
  />
);

// ---------------------------------------------------------------- preferences, perspective
export const useUserPreference = <T,>(
  key: string,
  defaultValue?: T,
): [T, (v: T) => void, boolean] => {
  const [value, setValue] = useState<T>(() => {
    const stored = window.localStorage.getItem(`preview.${key}`);
    return stored === null ? (defaultValue as T) : (JSON.parse(stored) as T);
  });
  return [
    value,
    (v: T) => {
      window.localStorage.setItem(`preview.${key}`, JSON.stringify(v));
      setValue(v);
    },
    true,
  ];
};

const useActivePerspective = (): [string, (p: string) => void] => ['admin', () => undefined];

/** The console's useResolvedExtensions: the core SDK's hook, with the console's result shape. */
export const useResolvedExtensions = <E extends Extension>(predicate?: (e: Extension) => e is E) =>
  useCoreResolvedExtensions(predicate);

// ---------------------------------------------------------------- the module table
type ModuleExports = Record<string, unknown>;

const MODULES: Record<string, ModuleExports> = {
  '@console/shared/src/utils/console-fetch': { coFetch, coFetchJSON, coFetchText },
  '@console/internal/models': {},
  '@console/shared/src/hooks/useActiveNamespace': { useActiveNamespace },
  '@console/internal/components/utils/resource-link': { ResourceLink },
  '@console/internal/components/utils/resource-icon': { ResourceIcon },
  '@console/shared/src/components/document-title/DocumentTitle': { DocumentTitle },
  '@console/shared/src/components/datetime/Timestamp': { default: Timestamp },
  '@console/internal/components/factory/ListPage/ListPageHeader': { default: ListPageHeader },
  '@console/internal/components/factory/ListPage/ListPageCreate': {
    default: placeholder('ListPageCreate'),
    ListPageCreateLink,
    ListPageCreateButton,
    ListPageCreateDropdown: placeholder('ListPageCreateDropdown'),
  },
  '@console/internal/components/factory/ListPage/ListPageFilter': {
    default: makeListPageFilter(placeholder),
  },
  '@console/internal/components/factory/ListPage/filter-hook': { useListPageFilter },
  '@console/internal/components/factory/Table/VirtualizedTable': {
    default: VirtualizedTable,
    TableData,
  },
  '@console/shared/src/components/error/fallbacks/ErrorBoundaryFallbackPage': {
    default: ErrorBoundaryFallbackPage,
  },
  '@console/internal/components/utils/horizontal-nav': { HorizontalNavFacade },
  '@console/internal/components/AsyncCodeEditor': { AsyncCodeEditor },
  '@console/shared/src/hooks/useUserPreference': { useUserPreference },
  '@console/dynamic-plugin-sdk/src/perspective/useActivePerspective': {
    default: useActivePerspective,
  },
  '@console/dynamic-plugin-sdk/src/api/useResolvedExtensions': { useResolvedExtensions },
  '@console/internal/components/graphs/prometheus-poll-hook': { usePrometheusPoll },
  '@console/shared/src/components/query-browser': { QueryBrowser },
};

/** The exports for one `@console/*` path; unknown names become recorded placeholders. */
export const createConsoleModule = (path: string): ModuleExports => {
  const known = MODULES[path] ?? {};
  return new Proxy(known, {
    get(target, prop) {
      if (typeof prop === 'symbol' || prop === '__esModule' || prop === 'then') return undefined;
      if (prop in target) return target[prop];
      return placeholder(`${path}#${prop}`);
    },
  });
};
