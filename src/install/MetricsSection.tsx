import { Alert, Button, CodeBlock, CodeBlockCode, Stack, StackItem } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadinessList } from '../components/TelemetryChecklist';
import { useWriteAction } from '../components/useWriteAction';
import { WriteErrorAlert } from '../components/WriteErrorAlert';
import { ObjectDiff } from '../components/yaml/ObjectDiff';
import { YamlPreview } from '../components/yaml/YamlPreview';
import { applyEdits, applyObjects } from '../k8s/writes';
import {
  MONITORING_CONFIG,
  MONITORING_NAMESPACE,
  metricsWrites,
} from '../mesh/install/observabilityObjects';
import { meshZtunnelNamespaces } from '../mesh/observability/telemetryReadiness';
import { ConfigMapModel } from '../models';
import type { InstallState } from './useInstallState';
import { METRICS_LINKS } from './useOperatorInstaller';

/**
 * Metrics for Kiali's graph and health: user-workload monitoring on (merged into the cluster's
 * monitoring config, never replacing it), istiod and every member's sidecars scraped, and on an
 * ambient mesh ztunnel.
 */
export const MetricsSection: FC<{ state: InstallState; readOnly: boolean }> = ({
  state,
  readOnly,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { run, busy, error } = useWriteAction();
  const o = state.telemetryObjects;
  const monitoringConfig = o.monitoringConfigs.items.find(
    (c) => c.metadata?.name === MONITORING_CONFIG && c.metadata?.namespace === MONITORING_NAMESPACE,
  );
  const { config, create } = metricsWrites({
    monitoringConfig,
    serviceMonitors: o.serviceMonitors.items,
    podMonitors: o.podMonitors.items,
    members: state.members,
    controlPlaneNamespace: state.controlPlaneNamespace,
    // Where the checklist looks for ztunnel, so the step writes what its ztunnel line misses.
    ztunnelNamespaces: meshZtunnelNamespaces(o, state.controlPlaneNamespace),
  });
  const nothingToWrite = config.kind === 'unchanged' && create.length === 0;

  const apply = () =>
    run(async () => {
      if (config.kind === 'create' || config.kind === 'update') {
        await applyEdits([
          {
            model: ConfigMapModel,
            before: config.kind === 'update' ? config.before : undefined,
            after: config.after,
          },
        ]);
      }
      // Monitors that appeared meanwhile are left as they are.
      await applyObjects(create.map((data) => ({ data, ifExists: 'skip' as const })));
    });

  return (
    <Stack hasGutter data-test="metrics-section">
      <StackItem>
        <ReadinessList
          links={state.telemetry.links.filter((l) => METRICS_LINKS.includes(l.id))}
          controlPlane={state.controlPlaneNamespace}
          showFix={false}
        />
      </StackItem>
      {config.kind === 'malformed' && (
        <StackItem>
          <Alert
            isInline
            variant="danger"
            title={t(
              '{{namespace}}/{{name}} cannot be merged into: its config.yaml is not valid YAML',
              { namespace: MONITORING_NAMESPACE, name: MONITORING_CONFIG },
            )}
            data-test="monitoring-config-malformed"
          >
            <p>
              {t(
                'Nothing was changed. Fix the file by hand (the parser says: {{reason}}), then come back.',
                { reason: config.reason },
              )}
            </p>
            <CodeBlock>
              <CodeBlockCode>{config.before.data?.['config.yaml'] ?? ''}</CodeBlockCode>
            </CodeBlock>
          </Alert>
        </StackItem>
      )}
      {(config.kind === 'create' || config.kind === 'update') && (
        <StackItem>
          <ObjectDiff
            id="monitoring-config"
            title={t('ConfigMap {{namespace}}/{{name}}', {
              namespace: MONITORING_NAMESPACE,
              name: MONITORING_CONFIG,
            })}
            before={config.kind === 'update' ? config.before : undefined}
            after={config.after}
          />
        </StackItem>
      )}
      {create.length > 0 && (
        <StackItem>
          <YamlPreview
            objects={create}
            id="monitors"
            toggleText={t('Show the YAML of the {{count}} monitors to create', {
              count: create.length,
            })}
          />
        </StackItem>
      )}
      {error !== undefined && (
        <StackItem>
          <WriteErrorAlert error={error} />
        </StackItem>
      )}
      {!nothingToWrite && (
        <StackItem>
          <Button
            variant="primary"
            onClick={apply}
            isDisabled={readOnly || busy || config.kind === 'malformed'}
            isLoading={busy}
            data-test="apply-metrics"
          >
            {t('Turn on metrics')}
          </Button>
        </StackItem>
      )}
    </Stack>
  );
};
