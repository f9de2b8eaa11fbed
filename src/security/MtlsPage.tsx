import {
  Alert,
  Checkbox,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Radio,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FormOrYaml } from '../components/FormOrYaml';
import { securityIssueText } from '../components/issues/securityIssueWords';
import { ReviewAndApply } from '../components/ReviewAndApply';
import { errorMessage } from '../k8s/errors';
import { useEditForm } from '../k8s/useEditForm';
import { useRereadable } from '../k8s/useRereadable';
import { planEdits, withIssues } from '../mesh/forms/editPlan';
import { STRICT_ACK_PATH, mtlsPorts, planMtls, readMtls } from '../mesh/forms/mtlsForm';
import type { MtlsState } from '../mesh/forms/mtlsForm';
import { issuesAt } from '../mesh/issues';
import type { Issue } from '../mesh/issues';
import { isAmbientWorkload } from '../mesh/security/dataPlane';
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
 * one, and warns before STRICT cuts off callers outside the mesh. Where ztunnel enforces (the
 * ambient data plane) it says that DISABLE is ignored, without refusing it: sidecar workloads in
 * the same namespace still apply it.
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
  const stored = latest.current;
  const [yamlBase, setYamlBase] = useState<PeerAuthentication>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const base = yamlBase ?? stored;
  const baseState = useMemo(() => readMtls(base), [base]);
  const [edited, setEdited] = useState<MtlsState>();
  const state = edited ?? baseState;
  const [acknowledged, setAcknowledged] = useState(false);
  const isMesh = !name && ns === root;
  // Outside the root namespace: the mesh-wide mode reaches ambient namespaces it cannot list.
  const ambient = name
    ? !!row && isAmbientWorkload(row.dataPlane)
    : !isMesh && data.namespaceAmbient;
  const title = name
    ? t('mTLS for {{name}}', { name })
    : isMesh
      ? t('Mesh-wide mTLS')
      : t('mTLS for namespace {{namespace}}', { namespace: ns });

  const impact = strictImpact(
    data.rows,
    name ? { kind: 'workload', name } : { kind: 'namespace' },
    data.workloadsRead,
  );
  const workload =
    name && row ? { name, selector: row.selector, ports: row.ports ?? [] } : undefined;
  // A workload's form plans nothing until its Deployment is known (the shell waits for it).
  const mtls =
    name && !workload
      ? { plan: planEdits([], []), pa: undefined, risky: false }
      : planMtls(state, base, {
          namespace: ns,
          workload,
          version: data.paVersion,
          model: data.paModel,
          stored,
          strictRisky:
            isMesh ||
            impact.unknown ||
            impact.cutOffCallers.length > 0 ||
            impact.unenforced.length > 0,
          strictAcknowledged: acknowledged,
          ambient,
        });
  const writePlan = withIssues(mtls.plan, yamlIssues);
  const form = useEditForm(writePlan, {
    reread: latest.reread,
    onApplied: () => {
      setEdited(undefined);
      setYamlBase(undefined);
      setAcknowledged(false);
    },
  });
  const edit = (next: MtlsState) => {
    setEdited(next);
    setAcknowledged(false);
  };

  const body = () => {
    const issues = [...writePlan.issues, ...form.serverIssues];
    const modeIssues = issuesAt(issues, ['spec', 'mtls', 'mode'], {
      object: 'PeerAuthentication',
    });
    const ackIssues = issuesAt(issues, [...STRICT_ACK_PATH]);
    const portList = mtlsPorts(row?.ports ?? [], base);
    const inherited = inheritedMode(
      data.peerAuthentications,
      root,
      { namespace: ns, labels: row?.labels },
      name ? 'workload' : 'namespace',
    );
    const pa = mtls.pa;
    const names = (rows: { name: string }[]) => rows.map((r) => r.name).join(', ');
    const unreadable = data.workloadsError ? errorMessage(data.workloadsError) : t('still loading');

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
          <FormOrYaml
            objects={pa ? [pa] : []}
            onYaml={(objects) => {
              setYamlBase(objects[0] as PeerAuthentication | undefined);
              setEdited(undefined);
              setAcknowledged(false);
            }}
            onIssues={setYamlIssues}
            onView={setView}
          >
            <Form onSubmit={(e) => e.preventDefault()}>
              <FormGroup role="radiogroup" isStack fieldId="mtls-mode" label={t('Mode')}>
                {MODES.map((m) => (
                  <Radio
                    key={m}
                    id={`mtls-mode-${m}`}
                    name="mtls-mode"
                    data-test={`mtls-mode-${m}`}
                    isChecked={state.mode === m}
                    onChange={() => edit({ ...state, mode: m })}
                    label={
                      m === 'UNSET'
                        ? t('Inherit ({{mode}} from the level above)', { mode: inherited })
                        : modeText(t, m)
                    }
                    description={
                      {
                        UNSET: t('Use the namespace or mesh-wide mode.'),
                        STRICT: ambient
                          ? t(
                              'Accept only mutual TLS: callers must be in the mesh, with a sidecar or captured by ztunnel.',
                            )
                          : t('Accept only mutual TLS: callers must have a sidecar.'),
                        PERMISSIVE: t('Accept mutual TLS and plaintext, e.g. while migrating.'),
                        DISABLE: ambient
                          ? t(
                              'Ignored by ztunnel: ambient workloads keep mTLS with mesh callers and accept plaintext as with PERMISSIVE.',
                            )
                          : t('Accept plaintext only; the sidecar does not terminate mTLS.'),
                      }[m]
                    }
                  />
                ))}
                {modeIssues.length > 0 && (
                  <FormHelperText>
                    <HelperText>
                      {modeIssues.map((i) => (
                        <HelperTextItem
                          key={i.code}
                          variant={i.severity === 'warning' ? 'warning' : 'error'}
                          data-test={`mtls-mode-issue-${i.code}`}
                        >
                          {securityIssueText(t, i)}
                        </HelperTextItem>
                      ))}
                    </HelperText>
                  </FormHelperText>
                )}
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
                              value={state.ports[port] ?? 'UNSET'}
                              onChange={(_, v) =>
                                edit({
                                  ...state,
                                  ports: { ...state.ports, [port]: v as MutualTLSMode },
                                })
                              }
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
          </FormOrYaml>
        </StackItem>
        {mtls.risky && (
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
                    {data.namespaceAmbient
                      ? t(
                          'The workloads of {{namespace}} could not be read ({{reason}}), so it is not known whether any caller is outside the mesh. STRICT may cut callers off.',
                          { namespace: ns, reason: unreadable },
                        )
                      : t(
                          'The workloads of {{namespace}} could not be read ({{reason}}), so it is not known whether any caller lacks a sidecar. STRICT may cut callers off.',
                          { namespace: ns, reason: unreadable },
                        )}
                  </StackItem>
                )}
                {impact.cutOffCallers.length > 0 && (
                  <StackItem data-test="strict-cut-off">
                    {data.namespaceAmbient
                      ? t(
                          'These workloads are outside the mesh (no sidecar, not captured by ztunnel) and will no longer be able to call {{target}}: {{callers}}.',
                          { target: name ?? ns, callers: names(impact.cutOffCallers) },
                        )
                      : t(
                          'These workloads have no sidecar and will no longer be able to call {{target}}: {{callers}}.',
                          { target: name ?? ns, callers: names(impact.cutOffCallers) },
                        )}
                  </StackItem>
                )}
                {impact.unenforced.length > 0 && (
                  <StackItem data-test="strict-unenforced">
                    {data.namespaceAmbient
                      ? t(
                          'These workloads are outside the mesh (no sidecar, not captured by ztunnel), so nothing enforces mTLS on them: {{names}}.',
                          { names: names(impact.unenforced) },
                        )
                      : t(
                          'These workloads have no sidecar, so nothing enforces mTLS on them: {{names}}.',
                          { names: names(impact.unenforced) },
                        )}
                  </StackItem>
                )}
                <StackItem>
                  {isMesh
                    ? t(
                        'This applies to every namespace in the mesh: any caller outside the mesh (no sidecar, not captured by ztunnel), in any namespace, will be refused by workloads that have no policy of their own.',
                      )
                    : data.namespaceAmbient
                      ? t(
                          'Callers from outside this namespace that are outside the mesh (no sidecar, not ambient) are refused too.',
                        )
                      : t(
                          'Callers from outside this namespace that have no sidecar (for example workloads in namespaces outside the mesh) are refused too.',
                        )}
                </StackItem>
                <StackItem>
                  {/* The plan's blocking issue until this is ticked: Apply says why it is held. */}
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
        <StackItem>
          <ReviewAndApply
            issueText={securityIssueText}
            plan={writePlan}
            form={form}
            view={view}
            claimed={[...modeIssues, ...ackIssues]}
            objects={
              pa
                ? [
                    {
                      id: 'peerauthentication',
                      title: t('PeerAuthentication {{name}}', { name: pa.metadata?.name }),
                      before: stored,
                      after: pa,
                    },
                  ]
                : []
            }
            yamlId="mtls"
          />
        </StackItem>
      </Stack>
    );
  };

  return (
    <SecurityFormShell title={title} namespace={ns} data={data} workload={name}>
      {body}
    </SecurityFormShell>
  );
};

export default MtlsPage;
