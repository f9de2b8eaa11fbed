import {
  Alert,
  Checkbox,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Radio,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApplyFooter } from '../components/ApplyFooter';
import { ObjectDiff } from '../components/ObjectDiff';
import { useWriteAction } from '../components/useWriteAction';
import { ValidationIssues } from '../components/ValidationIssues';
import { YamlPreview } from '../components/YamlPreview';
import { errorMessage } from '../k8s/errors';
import { useRereadable } from '../k8s/useRereadable';
import { applyEdits } from '../k8s/writes';
import {
  buildNamespacePeerAuthentication,
  buildWorkloadPeerAuthentication,
  setPeerAuthenticationMode,
  setPortLevelMtls,
  validatePeerAuthentication,
} from '../mesh/security/mtls';
import {
  inheritedMode,
  namespacePolicyOf,
  strictImpact,
  workloadPolicyOf,
} from '../mesh/security/workloadSecurity';
import type { MutualTLSMode, PeerAuthentication } from '../models';
import { SecurityFormShell } from './SecurityFormShell';
import { modeText } from './securityText';
import { useSecurityData } from './useSecurityData';

const MODES: MutualTLSMode[] = ['UNSET', 'STRICT', 'PERMISSIVE', 'DISABLE'];

/**
 * The mTLS mode of a namespace (mesh-wide in the root namespace) or of one workload, with
 * port-level exceptions for a workload. It edits the policy istiod uses at that level, or creates
 * one, and warns before STRICT cuts off callers that have no sidecar.
 */
const MtlsPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name } = useParams();
  const data = useSecurityData(ns);
  const root = data.rootNamespace;
  const row = name ? data.rows.find((r) => r.name === name) : undefined;
  const watched = name
    ? row && workloadPolicyOf(data.peerAuthentications, row, root)
    : namespacePolicyOf(data.peerAuthentications, ns);
  const latest = useRereadable(watched, data.paModel, ns);
  const [mode, setMode] = useState<MutualTLSMode>();
  const [ports, setPorts] = useState<Record<string, MutualTLSMode>>();
  const [acknowledged, setAcknowledged] = useState(false);
  const write = useWriteAction();
  const isMesh = !name && ns === root;
  const title = name
    ? t('mTLS for {{name}}', { name })
    : isMesh
      ? t('Mesh-wide mTLS')
      : t('mTLS for namespace {{namespace}}', { namespace: ns });

  const form = () => {
    const existing = latest.current;
    const currentMode = existing?.spec?.mtls?.mode ?? 'UNSET';
    const chosen = mode ?? currentMode;
    const currentPorts: Record<string, MutualTLSMode> = Object.fromEntries(
      Object.entries(existing?.spec?.portLevelMtls ?? {}).map(([p, s]) => [p, s?.mode ?? 'UNSET']),
    );
    const chosenPorts = ports ?? currentPorts;
    const portList = [
      ...new Set([...(row?.ports ?? []).map(String), ...Object.keys(currentPorts)]),
    ].sort((a, b) => Number(a) - Number(b));
    const portOverrides = Object.fromEntries(
      Object.entries(chosenPorts).filter(([, m]) => m !== 'UNSET'),
    ) as Record<string, MutualTLSMode>;

    let result: PeerAuthentication | undefined;
    if (existing) {
      result = chosen === currentMode ? existing : setPeerAuthenticationMode(existing, chosen);
      if (name) {
        for (const port of portList) {
          if ((chosenPorts[port] ?? 'UNSET') !== (currentPorts[port] ?? 'UNSET')) {
            result = setPortLevelMtls(result, port, portOverrides[port]);
          }
        }
      }
    } else if (chosen !== 'UNSET' || Object.keys(portOverrides).length > 0) {
      result =
        name && row
          ? buildWorkloadPeerAuthentication(
              {
                namespace: ns,
                name: `${name}-mtls`,
                matchLabels: row.selector,
                mode: chosen,
                portLevelMtls: portOverrides,
              },
              data.paVersion,
            )
          : buildNamespacePeerAuthentication(ns, chosen, data.paVersion);
    }
    const unchanged = !result || JSON.stringify(result) === JSON.stringify(existing);
    const issues = result ? validatePeerAuthentication(result) : [];
    const blocking = issues.filter((i) => i.level !== 'warning');

    const goesStrict = chosen === 'STRICT' || Object.values(portOverrides).includes('STRICT');
    const impact = strictImpact(
      data.rows,
      name ? { kind: 'workload', name } : { kind: 'namespace' },
      data.workloadsRead,
    );
    const risky =
      goesStrict &&
      !unchanged &&
      (isMesh || impact.unknown || impact.cutOffCallers.length > 0 || impact.unenforced.length > 0);
    const inherited = inheritedMode(
      data.peerAuthentications,
      root,
      { namespace: ns, labels: row?.labels },
      name ? 'workload' : 'namespace',
    );

    const apply = () =>
      result &&
      write
        .run(
          () => applyEdits([{ model: data.paModel, before: existing, after: result }]),
          latest.reread,
        )
        .then((ok) => {
          if (ok) {
            setMode(undefined);
            setPorts(undefined);
            setAcknowledged(false);
          }
        });

    return (
      <Stack hasGutter>
        <StackItem>
          <Content component="p">
            {isMesh
              ? t(
                  'A policy in the root namespace {{namespace}} sets the mode for every namespace and workload that has no policy of its own.',
                  { namespace: ns },
                )
              : name
                ? t(
                    'A workload policy overrides the namespace and mesh-wide modes for the pods of {{name}} (selector {{selector}}).',
                    {
                      name,
                      selector: Object.entries(row?.selector ?? {})
                        .map(([k, v]) => `${k}=${v}`)
                        .join(', '),
                    },
                  )
                : t(
                    'A namespace policy sets the mode for every workload in {{namespace}} that has no policy of its own.',
                    { namespace: ns },
                  )}
          </Content>
        </StackItem>
        <StackItem>
          <Form onSubmit={(e) => e.preventDefault()}>
            <FormGroup role="radiogroup" isStack fieldId="mtls-mode" label={t('Mode')}>
              {MODES.map((m) => (
                <Radio
                  key={m}
                  id={`mtls-mode-${m}`}
                  name="mtls-mode"
                  data-test={`mtls-mode-${m}`}
                  isChecked={chosen === m}
                  onChange={() => {
                    setMode(m);
                    setAcknowledged(false);
                  }}
                  label={
                    m === 'UNSET'
                      ? t('Inherit ({{mode}} from the level above)', { mode: inherited })
                      : modeText(t, m)
                  }
                  description={
                    {
                      UNSET: t('Use the namespace or mesh-wide mode.'),
                      STRICT: t('Accept only mutual TLS: callers must have a sidecar.'),
                      PERMISSIVE: t('Accept mutual TLS and plaintext, e.g. while migrating.'),
                      DISABLE: t('Accept plaintext only; the sidecar does not terminate mTLS.'),
                    }[m]
                  }
                />
              ))}
            </FormGroup>
            {name && portList.length > 0 && (
              <FormGroup label={t('Per port')} fieldId="mtls-ports">
                <Table aria-label={t('Mode per port')} variant="compact">
                  <Thead>
                    <Tr>
                      <Th>{t('Container port')}</Th>
                      <Th>{t('Mode')}</Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {portList.map((port) => (
                      <Tr key={port}>
                        <Td dataLabel={t('Container port')}>{port}</Td>
                        <Td dataLabel={t('Mode')}>
                          <FormSelect
                            value={chosenPorts[port] ?? 'UNSET'}
                            onChange={(_, v) => {
                              setPorts({ ...chosenPorts, [port]: v as MutualTLSMode });
                              setAcknowledged(false);
                            }}
                            aria-label={t('Mode for port {{port}}', { port })}
                            data-test={`mtls-port-${port}`}
                          >
                            {MODES.map((m) => (
                              <FormSelectOption
                                key={m}
                                value={m}
                                label={m === 'UNSET' ? t('Same as the workload') : modeText(t, m)}
                              />
                            ))}
                          </FormSelect>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              </FormGroup>
            )}
          </Form>
        </StackItem>
        {risky && (
          <StackItem>
            <Alert
              isInline
              variant="warning"
              title={t('STRICT will refuse plaintext callers')}
              data-test="strict-warning"
            >
              <Stack hasGutter>
                {impact.unknown && (
                  <StackItem data-test="strict-unknown">
                    {t(
                      'The workloads of {{namespace}} could not be read ({{reason}}), so it is not known whether any caller lacks a sidecar. STRICT may cut callers off.',
                      {
                        namespace: ns,
                        reason: data.workloadsError
                          ? errorMessage(data.workloadsError)
                          : t('still loading'),
                      },
                    )}
                  </StackItem>
                )}
                {impact.cutOffCallers.length > 0 && (
                  <StackItem>
                    {t(
                      'These workloads have no sidecar and will no longer be able to call {{target}}: {{callers}}.',
                      {
                        target: name ?? ns,
                        callers: impact.cutOffCallers.map((r) => r.name).join(', '),
                      },
                    )}
                  </StackItem>
                )}
                {impact.unenforced.length > 0 && (
                  <StackItem>
                    {t(
                      'These workloads have no sidecar, so nothing enforces mTLS on them: {{names}}.',
                      { names: impact.unenforced.map((r) => r.name).join(', ') },
                    )}
                  </StackItem>
                )}
                <StackItem>
                  {isMesh
                    ? t(
                        'This applies to every namespace in the mesh: any caller without a sidecar, in any namespace, will be refused by workloads that have no policy of their own.',
                      )
                    : t(
                        'Callers from outside this namespace that have no sidecar (for example workloads in namespaces outside the mesh) are refused too.',
                      )}
                </StackItem>
                <StackItem>
                  <Checkbox
                    id="strict-ack"
                    data-test="strict-ack"
                    isChecked={acknowledged}
                    onChange={(_, v) => setAcknowledged(v)}
                    label={t('I understand; apply STRICT anyway')}
                  />
                </StackItem>
              </Stack>
            </Alert>
          </StackItem>
        )}
        <ValidationIssues issues={issues} />
        {result && (
          <>
            <StackItem>
              <ObjectDiff
                id="peerauthentication"
                title={t('PeerAuthentication {{name}}', { name: result.metadata?.name })}
                before={existing}
                after={result}
              />
            </StackItem>
            <StackItem>
              <YamlPreview
                objects={[result]}
                id="mtls"
                toggleText={t('YAML of the resulting object (for GitOps)')}
              />
            </StackItem>
          </>
        )}
        <StackItem>
          <ApplyFooter
            error={write.error}
            busy={write.busy}
            disabled={unchanged || blocking.length > 0 || (risky && !acknowledged)}
            onApply={apply}
          />
        </StackItem>
      </Stack>
    );
  };

  return (
    <SecurityFormShell title={title} namespace={ns} data={data} workload={name}>
      {form}
    </SecurityFormShell>
  );
};

export default MtlsPage;
