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
export const useFlag = jest.fn((_flag: string) => false) as jest.MockedFunction<typeof SDK.useFlag>;

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
