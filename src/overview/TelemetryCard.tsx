import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { TelemetryChecklist } from '../components/TelemetryChecklist';
import { useTelemetryObjects } from '../k8s/useTelemetryObjects';
import { useTelemetryReadinessFn } from '../k8s/useTelemetryReadiness';
import type { MeshDetection } from '../mesh/meshDetection';
import { controlPlanesOf, meshMembers } from '../mesh/meshDetection';

/**
 * Whether the mesh is observable, link by link: what Kiali's graph and the traces need, each
 * missing piece with the wizard step that adds it.
 */
export const TelemetryCard: FC<{ detection: MeshDetection }> = ({ detection }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { loaded, objects } = useTelemetryObjects();
  const telemetryReadiness = useTelemetryReadinessFn();
  const controlPlane = controlPlanesOf(detection)[0]?.namespace ?? 'istio-system';
  if (!loaded || !telemetryReadiness) return null;
  const readiness = telemetryReadiness(
    objects,
    { kind: 'mesh', members: meshMembers(detection) },
    controlPlane,
  );
  return (
    <TelemetryChecklist
      readiness={readiness}
      controlPlane={controlPlane}
      title={t('Observability')}
      intro={
        readiness.metricsReady && readiness.tracingReady
          ? t('Metrics and traces are collected for every member namespace.')
          : t(
              'Kiali draws its graph from Prometheus metrics and reads traces from Tempo; what is missing below leaves them empty.',
            )
      }
    />
  );
};
