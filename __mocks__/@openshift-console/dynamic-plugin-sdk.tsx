/**
 * The console SDK at the module boundary. Jest picks this up for the node_modules package.
 * Each stub is typed as the real export, so the mock cannot drift from the SDK's signatures.
 * Data hooks are jest.fn()s that a test sets; components render the minimum a test reads.
 */
import type * as SDK from '@openshift-console/dynamic-plugin-sdk';
import type { FC } from 'react';

export const useK8sWatchResource = jest.fn(() => [
  undefined,
  false,
  undefined,
]) as unknown as jest.MockedFunction<typeof SDK.useK8sWatchResource>;
export const useK8sWatchResources = jest.fn(() => ({})) as unknown as jest.MockedFunction<
  typeof SDK.useK8sWatchResources
>;
export const useK8sModels = jest.fn(() => [{}, false]) as unknown as jest.MockedFunction<
  typeof SDK.useK8sModels
>;
export const useAccessReview = jest.fn(() => [true, false]) as unknown as jest.MockedFunction<
  typeof SDK.useAccessReview
>;
export const useFlag = jest.fn((_flag: string) => false) as jest.MockedFunction<typeof SDK.useFlag>;

// Writes fail loudly unless a test gives them an implementation: a silent `undefined` would
// let code that forgot to await or check a write pass its test.
const unstubbed = (name: string) => () => Promise.reject(new Error(`${name} is not stubbed`));
export const k8sGet = jest.fn(unstubbed('k8sGet')) as unknown as jest.MockedFunction<
  typeof SDK.k8sGet
>;
export const k8sCreate = jest.fn(unstubbed('k8sCreate')) as unknown as jest.MockedFunction<
  typeof SDK.k8sCreate
>;
export const k8sUpdate = jest.fn(unstubbed('k8sUpdate')) as unknown as jest.MockedFunction<
  typeof SDK.k8sUpdate
>;
export const k8sPatch = jest.fn(unstubbed('k8sPatch')) as unknown as jest.MockedFunction<
  typeof SDK.k8sPatch
>;
export const k8sListItems = jest.fn(unstubbed('k8sListItems')) as unknown as jest.MockedFunction<
  typeof SDK.k8sListItems
>;
export const k8sDelete = jest.fn(unstubbed('k8sDelete')) as unknown as jest.MockedFunction<
  typeof SDK.k8sDelete
>;
// Reads through the console's plugin proxy (Kiali): a test answers each URL it expects.
export const consoleFetchJSON = jest.fn(
  unstubbed('consoleFetchJSON'),
) as unknown as jest.MockedFunction<typeof SDK.consoleFetchJSON>;

export const DocumentTitle: typeof SDK.DocumentTitle = ({ children }) => {
  document.title = children;
  return null;
};

const refOf = (gvk?: SDK.K8sGroupVersionKind) =>
  gvk ? [gvk.group ?? 'core', gvk.version, gvk.kind].join('~') : 'unknown';

export const ResourceLink: typeof SDK.ResourceLink = ({
  groupVersionKind,
  name,
  namespace,
  displayName,
}) => (
  <a
    href={`/k8s/${namespace ? `ns/${namespace}` : 'cluster'}/${refOf(groupVersionKind)}/${name}`}
    data-test-kind={groupVersionKind?.kind}
  >
    {displayName ?? name}
  </a>
);

const status = (kind: string): FC<SDK.StatusComponentProps> => {
  const Status: FC<SDK.StatusComponentProps> = ({ title }) => (
    <span data-status={kind}>{title}</span>
  );
  return Status;
};

export const SuccessStatus: typeof SDK.SuccessStatus = status('success');
export const ErrorStatus: typeof SDK.ErrorStatus = status('error');
export const ProgressStatus: typeof SDK.ProgressStatus = status('progress');
export const InfoStatus: typeof SDK.InfoStatus = status('info');

// Prometheus through the console's proxy: a test answers each query it expects.
export const usePrometheusPoll = jest.fn(() => [
  undefined,
  true,
  undefined,
]) as unknown as jest.MockedFunction<typeof SDK.usePrometheusPoll>;
// The SDK's runtime values of its PrometheusEndpoint enum.
export const PrometheusEndpoint = {
  LABEL: 'api/v1/label',
  QUERY: 'api/v1/query',
  QUERY_RANGE: 'api/v1/query_range',
  RULES: 'api/v1/rules',
  TARGETS: 'api/v1/targets',
} as unknown as typeof SDK.PrometheusEndpoint;
/** The console's chart: the queries it would plot, for a test to read. */
export const QueryBrowser: typeof SDK.QueryBrowser = ({ queries, namespace }) => (
  <div data-test="query-browser" data-namespace={namespace ?? ''}>
    {queries.map((q) => (
      <code key={q}>{q}</code>
    ))}
  </div>
);
