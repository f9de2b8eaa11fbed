import {
  Alert,
  Checkbox,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Radio,
  Stack,
  StackItem,
  TextInput,
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
import { useRereadable } from '../k8s/useRereadable';
import { applyEdits } from '../k8s/writes';
import { commaList } from '../mesh/commaList';
import { meshMembers } from '../mesh/meshDetection';
import {
  buildAllowOnlyPolicy,
  buildDenyAllPolicy,
  describePolicy,
  principalOf,
  summarizePolicy,
  validateAuthorizationPolicy,
} from '../mesh/security/authorization';
import type { CallerWorkload } from '../mesh/security/authorization';
import {
  allowOnlyFormState,
  findAllowNothingPolicy,
  findAllowOnlyPolicy,
} from '../mesh/security/authorizationForm';
import type { AllowOnlyFormState } from '../mesh/security/authorizationForm';
import type { AuthorizationPolicy } from '../models';
import { SecurityFormShell } from './SecurityFormShell';
import { describeOptionsFor } from './securityText';
import { useCallerCandidates } from './useCallerCandidates';
import { useSecurityData } from './useSecurityData';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const keyOf = (c: CallerWorkload) => `${c.namespace}/${c.serviceAccount}`;

type Scope = 'app' | 'workload';
type Mode = 'allow' | 'deny';

/**
 * "Only these callers may call this workload": an ALLOW AuthorizationPolicy whose sources are the
 * chosen workloads' mTLS identities (service accounts) or whole namespaces, optionally limited to
 * methods and paths and to requests with a valid end-user token; or an explicit deny-all.
 */
const AuthorizationPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name = '' } = useParams();
  const data = useSecurityData(ns);
  const row = data.rows.find((r) => r.name === name);
  const members = meshMembers(data.detection);
  const candidates = useCallerCandidates(
    members.includes(ns) ? members : [...members, ns],
    data.deployments,
  );
  const app = row?.labels.app;
  const [scope, setScope] = useState<Scope>();
  const chosenScope: Scope = scope ?? (app ? 'app' : 'workload');
  const matchLabels = chosenScope === 'app' && app ? { app } : (row?.selector ?? {});
  const allowOnly = findAllowOnlyPolicy(data.authorizationPolicies, ns, matchLabels);
  const allowNothing = findAllowNothingPolicy(data.authorizationPolicies, ns, matchLabels);
  const latestAllow = useRereadable(allowOnly, data.apModel, ns);
  const [mode, setMode] = useState<Mode>();
  const [edited, setEdited] = useState<AllowOnlyFormState>();
  const [pathsText, setPathsText] = useState<string>();
  const write = useWriteAction();
  const title = t('Allowed callers of {{name}}', { name });

  const form = () => {
    const existing = latestAllow.current;
    const chosenMode: Mode = mode ?? (allowNothing && !existing ? 'deny' : 'allow');
    const state = edited ?? allowOnlyFormState(existing);
    const paths = pathsText ?? state.paths.join(', ');
    const targetName = chosenScope === 'app' && app ? app : name;
    const update = (patch: Partial<AllowOnlyFormState>) => setEdited({ ...state, ...patch });

    let before: AuthorizationPolicy | undefined;
    let result: AuthorizationPolicy | undefined;
    const problems: string[] = [];
    if (chosenMode === 'allow') {
      before = existing;
      if (state.callers.length === 0 && state.namespaces.length === 0 && !state.requireJwt) {
        problems.push(
          t(
            'Choose at least one caller or namespace. A policy without callers would let anyone in; use "Deny all calls" to shut the workload off.',
          ),
        );
      }
      result = buildAllowOnlyPolicy(
        {
          namespace: ns,
          name: `${targetName}-allowed-callers`,
          matchLabels,
          callers: { workloads: state.callers, namespaces: state.namespaces },
          methods: state.methods,
          paths: commaList(paths),
          requireJwt: state.requireJwt,
        },
        data.version,
        existing,
      );
      // Principals the form cannot show (wildcards, other trust domains) stay as they were.
      if (state.otherPrincipals.length && result.spec?.rules?.[0]) {
        const rule = result.spec.rules[0];
        rule.from = [...(rule.from ?? []), { source: { principals: state.otherPrincipals } }];
      }
    } else {
      before = allowNothing;
      result =
        allowNothing ??
        buildDenyAllPolicy(
          { namespace: ns, name: `${targetName}-deny-all`, matchLabels },
          data.version,
        );
    }
    const issues = result ? validateAuthorizationPolicy(result) : [];
    const blocking = issues.filter((i) => i.level !== 'warning');
    const unchanged = JSON.stringify(result) === JSON.stringify(before);
    const describe = describeOptionsFor(data.rows);
    const otherAllows =
      chosenMode === 'deny'
        ? (row?.authorizationPolicies ?? []).filter(
            (p) =>
              (p.spec?.action ?? 'ALLOW') === 'ALLOW' &&
              (p.spec?.rules?.length ?? 0) > 0 &&
              p.metadata?.name !== result?.metadata?.name,
          )
        : [];
    const noIdentity = row && (row.mtls.mode === 'DISABLE' || row.sidecar === 'none');
    const selected = new Set(state.callers.map(keyOf));

    const apply = () =>
      result &&
      write
        .run(() => applyEdits([{ model: data.apModel, before, after: result }]), latestAllow.reread)
        .then((ok) => {
          if (ok) {
            setEdited(undefined);
            setPathsText(undefined);
          }
        });

    return (
      <Stack hasGutter>
        <StackItem>
          <Form onSubmit={(e) => e.preventDefault()}>
            {app && (
              <FormGroup role="radiogroup" isStack fieldId="authz-scope" label={t('Protect')}>
                <Radio
                  id="authz-scope-app"
                  name="authz-scope"
                  data-test="authz-scope-app"
                  isChecked={chosenScope === 'app'}
                  onChange={() => {
                    setScope('app');
                    setEdited(undefined);
                  }}
                  label={t('Every version of {{app}} (app={{app}})', { app })}
                />
                <Radio
                  id="authz-scope-workload"
                  name="authz-scope"
                  data-test="authz-scope-workload"
                  isChecked={chosenScope === 'workload'}
                  onChange={() => {
                    setScope('workload');
                    setEdited(undefined);
                  }}
                  label={t('Only the pods of {{name}}', { name })}
                />
              </FormGroup>
            )}
            <FormGroup role="radiogroup" isStack fieldId="authz-mode" label={t('Policy')}>
              <Radio
                id="authz-mode-allow"
                name="authz-mode"
                data-test="authz-mode-allow"
                isChecked={chosenMode === 'allow'}
                onChange={() => setMode('allow')}
                label={t('Allow only the callers chosen below')}
              />
              <Radio
                id="authz-mode-deny"
                name="authz-mode"
                data-test="authz-mode-deny"
                isChecked={chosenMode === 'deny'}
                onChange={() => setMode('deny')}
                label={t('Deny all calls')}
                description={t(
                  'An ALLOW policy with no rules: nothing is allowed unless another ALLOW policy on the workload allows it.',
                )}
              />
            </FormGroup>
            {chosenMode === 'allow' && (
              <>
                <FormGroup label={t('Calling workloads')} fieldId="authz-callers">
                  <Table
                    aria-label={t('Calling workloads')}
                    variant="compact"
                    data-test="caller-table"
                  >
                    <Thead>
                      <Tr>
                        <Th screenReaderText={t('Allowed')} />
                        <Th>{t('Workloads')}</Th>
                        <Th>{t('Namespace')}</Th>
                        <Th>{t('Identity (principal)')}</Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {candidates.candidates.map((c) => {
                        const key = keyOf(c);
                        return (
                          <Tr key={key}>
                            <Td
                              select={{
                                rowIndex: 0,
                                isSelected: selected.has(key),
                                onSelect: (_e, on) =>
                                  update({
                                    callers: on
                                      ? [
                                          ...state.callers,
                                          {
                                            namespace: c.namespace,
                                            serviceAccount: c.serviceAccount,
                                          },
                                        ]
                                      : state.callers.filter((x) => keyOf(x) !== key),
                                  }),
                              }}
                              data-test={`caller-${c.namespace}-${c.workloads[0]}`}
                            />
                            <Td dataLabel={t('Workloads')}>
                              {c.workloads.join(', ')}
                              {c.workloads.length > 1 && (
                                <HelperText>
                                  <HelperTextItem variant="warning">
                                    {t(
                                      'They share service account {{sa}}: allowing one allows all.',
                                      {
                                        sa: c.serviceAccount,
                                      },
                                    )}
                                  </HelperTextItem>
                                </HelperText>
                              )}
                            </Td>
                            <Td dataLabel={t('Namespace')}>{c.namespace}</Td>
                            <Td dataLabel={t('Identity (principal)')}>
                              <code>{principalOf(c)}</code>
                            </Td>
                          </Tr>
                        );
                      })}
                    </Tbody>
                  </Table>
                  {candidates.limited && (
                    <FormHelperText>
                      <HelperText>
                        <HelperTextItem>
                          {t(
                            'You may not list workloads in other namespaces; only {{namespace}} is shown.',
                            { namespace: ns },
                          )}
                        </HelperTextItem>
                      </HelperText>
                    </FormHelperText>
                  )}
                </FormGroup>
                <FormGroup
                  label={t('Or any workload in these namespaces')}
                  fieldId="authz-namespaces"
                  isInline
                >
                  {members.map((m) => (
                    <Checkbox
                      key={m}
                      id={`authz-ns-${m}`}
                      data-test={`authz-ns-${m}`}
                      label={m}
                      isChecked={state.namespaces.includes(m)}
                      onChange={(_, on) =>
                        update({
                          namespaces: on
                            ? [...state.namespaces, m]
                            : state.namespaces.filter((x) => x !== m),
                        })
                      }
                    />
                  ))}
                </FormGroup>
                <FormGroup
                  label={t('Only these methods (none = any)')}
                  fieldId="authz-methods"
                  isInline
                >
                  {METHODS.map((m) => (
                    <Checkbox
                      key={m}
                      id={`authz-method-${m}`}
                      data-test={`authz-method-${m}`}
                      label={m}
                      isChecked={state.methods.includes(m)}
                      onChange={(_, on) =>
                        update({
                          methods: on
                            ? [...state.methods, m]
                            : state.methods.filter((x) => x !== m),
                        })
                      }
                    />
                  ))}
                </FormGroup>
                <FormGroup label={t('Only these paths (none = any)')} fieldId="authz-paths">
                  <TextInput
                    id="authz-paths"
                    data-test="authz-paths"
                    value={paths}
                    onChange={(_, v) => setPathsText(v)}
                    placeholder="/reviews/*, /health"
                  />
                  <FormHelperText>
                    <HelperText>
                      <HelperTextItem>
                        {t('Comma-separated; * may start or end a path, e.g. /api/*.')}
                      </HelperTextItem>
                    </HelperText>
                  </FormHelperText>
                </FormGroup>
                <FormGroup fieldId="authz-jwt">
                  <Checkbox
                    id="authz-jwt"
                    data-test="authz-jwt"
                    label={t('Also require a valid end-user token (JWT)')}
                    description={t(
                      'Requests must carry a token that a RequestAuthentication on this workload accepts; set one up under "End-user token".',
                    )}
                    isChecked={state.requireJwt}
                    onChange={(_, on) => update({ requireJwt: on })}
                  />
                </FormGroup>
              </>
            )}
          </Form>
        </StackItem>
        {noIdentity && (
          <StackItem>
            <Alert
              isInline
              variant="warning"
              title={t('Callers cannot be identified')}
              data-test="no-identity"
            >
              {t(
                '{{name}} has no sidecar or mTLS is DISABLE, so callers carry no identity: a policy that names callers refuses every call.',
                { name },
              )}
            </Alert>
          </StackItem>
        )}
        {otherAllows.length > 0 && (
          <StackItem>
            <Alert
              isInline
              variant="info"
              title={t('Other ALLOW policies still apply')}
              data-test="other-allows"
            >
              {otherAllows
                .map((p) => describePolicy(summarizePolicy(p, data.rootNamespace), describe))
                .join('; ')}
            </Alert>
          </StackItem>
        )}
        <ValidationIssues
          issues={[...problems.map((message) => ({ path: '', message })), ...issues]}
        />
        {result && (
          <>
            <StackItem>
              <Content component="p" data-test="policy-summary">
                {t('In plain words: {{summary}}', {
                  summary: describePolicy(summarizePolicy(result, data.rootNamespace), describe),
                  interpolation: { escapeValue: false },
                })}
              </Content>
            </StackItem>
            <StackItem>
              <ObjectDiff
                id="authorizationpolicy"
                title={t('AuthorizationPolicy {{name}}', { name: result.metadata?.name })}
                before={before}
                after={result}
              />
            </StackItem>
            <StackItem>
              <YamlPreview
                objects={[result]}
                id="authorization"
                toggleText={t('YAML of the resulting object (for GitOps)')}
              />
            </StackItem>
          </>
        )}
        <StackItem>
          <ApplyFooter
            error={write.error}
            busy={write.busy}
            disabled={unchanged || blocking.length > 0 || problems.length > 0}
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

export default AuthorizationPage;
