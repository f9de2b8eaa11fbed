import { k8sListItems } from '@openshift-console/dynamic-plugin-sdk';
import {
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  Flex,
  FlexItem,
} from '@patternfly/react-core';
import { useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailItem } from '../components/DetailItem';
import { useWriteAction } from '../components/useWriteAction';
import { WriteErrorAlert } from '../components/WriteErrorAlert';
import { useMeshDetection } from '../k8s/useMeshDetection';
import { patchResource } from '../k8s/writes';
import {
  MESH3_LEAVE_LABELS,
  labelPatch,
  mesh3MemberLabels,
  restartPatch,
} from '../mesh/install/installObjects';
import type { DataPlaneMode } from '../mesh/install/installObjects';
import { namespaceDataPlane } from '../mesh/meshDetection';
import { DeploymentModel, NamespaceModel } from '../models';
import type { Deployment, K8sResourceCommon } from '../models';

/**
 * How a namespace is in the mesh (sidecars, ambient, or not at all), with the one-click changes:
 * join either way, switch, leave. Ambient joins and leaves without restarting pods; sidecars come
 * and go only with new pods, so those changes offer the restart. Service Mesh 3 only (2.x
 * members are listed in its member roll, which the install wizard edits).
 */
export const MeshMembershipCard: FC<{ namespace: K8sResourceCommon }> = ({ namespace }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { detection } = useMeshDetection();
  const { run, busy, error } = useWriteAction();
  const [restarted, setRestarted] = useState<number>();
  const name = namespace.metadata?.name ?? '';
  const cp = detection && 'ossm3' in detection ? detection.ossm3.controlPlanes[0] : undefined;
  if (!cp || !detection || !('ossm3' in detection)) return null;
  const ambientAvailable = cp.profile === 'ambient' || Boolean(detection.ossm3.ztunnel);
  const mode = namespaceDataPlane(namespace);

  const relabel = (labels: Record<string, string | null>) =>
    run(async () => {
      setRestarted(undefined);
      await patchResource({
        model: NamespaceModel,
        resource: { ...namespace, metadata: { ...namespace.metadata, name } },
        ops: labelPatch(namespace, labels),
      });
    });
  const join = (m: DataPlaneMode) => relabel(mesh3MemberLabels(cp.revision, m));
  const restart = () =>
    run(async () => {
      const deployments = await k8sListItems<Deployment>({
        model: DeploymentModel,
        queryParams: { ns: name },
      });
      const now = new Date();
      for (const d of deployments) {
        await patchResource({ model: DeploymentModel, resource: d, ops: restartPatch(d, now) });
      }
      setRestarted(deployments.length);
    });

  const state =
    mode === 'ambient'
      ? t('In the mesh, ambient: ztunnel carries its traffic with mutual TLS.')
      : mode === 'sidecar'
        ? t('In the mesh, with sidecars: pods created from now on get an Envoy proxy.')
        : t('Not in the mesh.');
  return (
    <Card data-test="mesh-membership" data-mode={mode ?? 'none'}>
      <CardTitle component="h2">{t('Mesh membership')}</CardTitle>
      <CardBody>
        <DescriptionList isCompact>
          <DetailItem term={t('Data plane')}>
            <span data-test="membership-state">{state}</span>
          </DetailItem>
        </DescriptionList>
        <Flex spaceItems={{ default: 'spaceItemsSm' }} style={{ marginTop: 8 }}>
          {mode !== 'sidecar' && (
            <FlexItem>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => join('sidecar')}
                isDisabled={busy}
                data-test="join-sidecar"
              >
                {mode ? t('Switch to sidecars') : t('Join with sidecars')}
              </Button>
            </FlexItem>
          )}
          {mode !== 'ambient' && ambientAvailable && (
            <FlexItem>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => join('ambient')}
                isDisabled={busy}
                data-test="join-ambient"
              >
                {mode ? t('Switch to ambient') : t('Join ambient')}
              </Button>
            </FlexItem>
          )}
          {mode && (
            <FlexItem>
              <Button
                variant="link"
                size="sm"
                isDanger
                onClick={() => relabel(MESH3_LEAVE_LABELS)}
                isDisabled={busy}
                data-test="leave-mesh"
              >
                {t('Leave the mesh')}
              </Button>
            </FlexItem>
          )}
          <FlexItem>
            <Button
              variant="link"
              size="sm"
              onClick={restart}
              isDisabled={busy}
              data-test="restart-workloads"
            >
              {t('Restart workloads')}
            </Button>
          </FlexItem>
        </Flex>
        <Content component="small">
          {mode === 'ambient'
            ? t(
                'Pods that still carry a sidecar (from before the switch) keep it until restarted, and ztunnel does not capture them.',
              )
            : mode === 'sidecar'
              ? t('Running pods get their sidecar, or lose it after leaving, only when restarted.')
              : ambientAvailable
                ? t('Joining ambient needs no restart; joining with sidecars needs one.')
                : t('Joining with sidecars needs a restart of the workloads.')}
        </Content>
        {restarted !== undefined && (
          <Content component="small" data-test="restarted">
            {' '}
            {t('{{count}} deployments restarted', { count: restarted })}
          </Content>
        )}
        {error !== undefined && <WriteErrorAlert error={error} />}
      </CardBody>
    </Card>
  );
};
