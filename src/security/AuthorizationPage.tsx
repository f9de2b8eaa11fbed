import {
  Alert,
  Checkbox,
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
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FormOrYaml } from '../components/FormOrYaml';
import { semicolonList } from '../components/issues/policyText';
import { securityIssueText } from '../components/issues/securityIssueWords';
import { ReviewAndApply } from '../components/ReviewAndApply';
import { useEditForm } from '../k8s/useEditForm';
import { useRereadable } from '../k8s/useRereadable';
import { commaList } from '../mesh/commaList';
import {
  authzTarget,
  defaultAuthzMode,
  otherAllowPolicies,
  planAuthorization,
} from '../mesh/forms/authorizationForm';
import type { AuthzMode, AuthzPlacement, AuthzScope } from '../mesh/forms/authorizationForm';
import { isRemoval, withIssues } from '../mesh/forms/editPlan';
import { issuesAt } from '../mesh/issues';
import type { Issue } from '../mesh/issues';
import { meshMembers } from '../mesh/meshDetection';
import { HTTP_METHODS } from '../mesh/primitives';
import { CREATE_WAYPOINT_PATH, isAttached } from '../mesh/security/ambientAuthorization';
import { principalOf } from '../mesh/security/authorization';
import type { CallerWorkload } from '../mesh/security/authorization';
import {
  allowOnlyFormState,
  findAllowNothingPolicy,
  findAllowOnlyPolicy,
} from '../mesh/security/authorizationForm';
import type { AllowOnlyFormState } from '../mesh/security/authorizationForm';
import { isAmbientWorkload } from '../mesh/security/dataPlane';
import { servicesForTarget, servicesReachBeyond } from '../mesh/security/waypoint';
import { GatewayApiGatewayModel, ServiceModel } from '../models';
import type { AuthorizationPolicy, K8sResourceCommon } from '../models';
import { PolicyInPlainWords } from './PolicyInPlainWords';
import { SecurityFormShell } from './SecurityFormShell';
import { describeOptionsFor, policySentence } from './securityText';
import { useCallerCandidates } from './useCallerCandidates';
import { useSecurityData } from './useSecurityData';

const keyOf = (c: CallerWorkload) => `${c.namespace}/${c.serviceAccount}`;

/**
 * Who enforces the policy, for a workload of the ambient data plane: ztunnel (layer 4, bound by
 * selector) or its Services' waypoint (attached with targetRefs), and why.
 */
const Enforcement: FC<{ placement: AuthzPlacement; name: string }> = ({ placement, name }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  if (placement.by === 'sidecar') return null;
  if (placement.by === 'ztunnel') {
    return (
      <Alert
        isInline
        isPlain
        variant="info"
        title={t('Enforced by ztunnel')}
        data-test="authz-enforcement"
        data-enforcer="ztunnel"
      >
        {t(
          '{{name}} is in the ambient data plane: ztunnel on its node checks the callers’ identities and namespaces (layer 4). Methods, paths or an end-user token would need a waypoint.',
          { name },
        )}
      </Alert>
    );
  }
  const services = placement.services.map((s) => s.name).join(', ');
  const waypoints = [
    ...new Set(
      placement.services.flatMap((s) => (s.waypoint.kind === 'waypoint' ? [s.waypoint.name] : [])),
    ),
  ].join(', ');
  return (
    <Alert
      isInline
      isPlain
      variant="info"
      title={t('Enforced by a waypoint')}
      data-test="authz-enforcement"
      data-enforcer="waypoint"
    >
      {placement.l7Fields.length > 0
        ? t(
            'The policy checks {{fields}}, which ztunnel cannot: it is attached to Service {{services}} (targetRefs) for the Service’s waypoint to enforce. Bound to the pods by a selector, ztunnel would refuse the calls it should allow.',
            { fields: placement.l7Fields.join(', '), services },
          )
        : t(
            'Calls to Service {{services}} go through waypoint {{waypoints}}, so ztunnel sees the waypoint’s identity, not the caller’s: the policy is attached to the Service (targetRefs) for the waypoint to enforce.',
            { services, waypoints },
          )}
    </Alert>
  );
};

/**
 * "Only these callers may call this workload": an ALLOW AuthorizationPolicy whose sources are the
 * chosen workloads' mTLS identities (service accounts) or whole namespaces, optionally limited to
 * methods and paths and to requests with a valid end-user token; or an explicit deny-all. For an
 * ambient workload the plan picks ztunnel or a waypoint, and can set the waypoint up.
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
  const [scope, setScope] = useState<AuthzScope>();
  const chosenScope: AuthzScope = scope ?? (app ? 'app' : 'workload');
  const target = authzTarget({ name, app, selector: row?.selector ?? {} }, chosenScope);
  // A sidecar workload keeps its policies as they were: only ztunnel's need another shape.
  const ambient = !!row && isAmbientWorkload(row.dataPlane);
  // Every Service in front of the protected pods: a waypoint policy missing one is bypassed.
  const targetServices = ambient
    ? servicesForTarget(data.services, ns, target.matchLabels, data.rows)
    : [];
  const allowOnly = findAllowOnlyPolicy(
    data.authorizationPolicies,
    ns,
    target.matchLabels,
    targetServices.map((s) => s.metadata?.name ?? ''),
  );
  const allowNothing = findAllowNothingPolicy(data.authorizationPolicies, ns, target.matchLabels);
  const latestAllow = useRereadable(allowOnly, data.apModel, ns);
  const latestDeny = useRereadable(allowNothing, data.apModel, ns);
  const storedAllow = latestAllow.current;
  const storedDeny = latestDeny.current;
  const stored = useMemo(
    () => ({ allow: storedAllow, deny: storedDeny }),
    [storedAllow, storedDeny],
  );
  const [mode, setMode] = useState<AuthzMode>();
  const chosenMode = mode ?? defaultAuthzMode(stored.allow, stored.deny);
  const [edited, setEdited] = useState<AllowOnlyFormState>();
  const [pathsText, setPathsText] = useState<string>();
  const [yamlBase, setYamlBase] = useState<AuthorizationPolicy>();
  const [yamlExtra, setYamlExtra] = useState<K8sResourceCommon[]>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const [createWaypoint, setCreateWaypoint] = useState(false);
  const base = useMemo(
    () => ({
      ...stored,
      ...(yamlBase ? { [chosenMode === 'allow' ? 'allow' : 'deny']: yamlBase } : {}),
      ...(yamlExtra ? { extra: yamlExtra } : {}),
    }),
    [yamlBase, yamlExtra, stored, chosenMode],
  );
  const baseState = useMemo(() => allowOnlyFormState(base.allow), [base.allow]);
  const state = edited ?? baseState;
  const paths = pathsText ?? state.paths.join(', ');
  // Until a field changes, the plan writes the policy as read (or as the YAML says).
  const formEdited = edited !== undefined || pathsText !== undefined;
  const authz = planAuthorization(
    {
      mode: chosenMode,
      state: formEdited ? { ...state, paths: commaList(paths) } : undefined,
      createWaypoint,
    },
    base,
    {
      namespace: ns,
      target,
      version: data.version,
      model: data.apModel,
      stored,
      ...(ambient
        ? {
            ambient: {
              services: targetServices,
              namespace: data.namespaceObject,
              gateways: data.gateways,
              serviceModel: ServiceModel,
              gatewayModel: GatewayApiGatewayModel,
              workload: name,
              workloadOnly: servicesReachBeyond(targetServices, target.matchLabels, data.rows),
            },
          }
        : {}),
    },
  );
  const writePlan = withIssues(authz.plan, yamlIssues);
  const form = useEditForm(writePlan, {
    reread: chosenMode === 'allow' ? latestAllow.reread : latestDeny.reread,
    onApplied: () => {
      setEdited(undefined);
      setPathsText(undefined);
      setYamlBase(undefined);
      setYamlExtra(undefined);
      setCreateWaypoint(false);
    },
  });
  // The waypoint's Gateway and Service label come first, in the order they are written.
  const setupObjects = authz.waypointEdits.flatMap((e) => (isRemoval(e) ? [] : [e.after]));
  const title = t('Allowed callers of {{name}}', { name });

  const body = () => {
    const result = authz.policy;
    const update = (patch: Partial<AllowOnlyFormState>) => setEdited({ ...state, ...patch });
    const issues = [...writePlan.issues, ...form.serverIssues];
    const pathIssues = issuesAt(issues, ['spec', 'rules', 0, 'to', 0, 'operation', 'paths'], {
      object: 'AuthorizationPolicy',
      under: true,
    });
    const methodIssues = issuesAt(issues, ['spec', 'rules', 0, 'to', 0, 'operation', 'methods'], {
      object: 'AuthorizationPolicy',
      under: true,
    });
    const describe = describeOptionsFor(data.rows);
    const otherAllows = otherAllowPolicies(
      // A waypoint's ALLOW policies do not open what ztunnel's allow-nothing closes.
      (row?.authorizationPolicies ?? []).filter((p) => !ambient || !isAttached(p)),
      chosenMode,
      result.metadata?.name,
    );
    const joining = row?.dataPlane.kind === 'joining';
    const noIdentity =
      row && (row.enforcedMtls.mode === 'DISABLE' || row.dataPlane.mesh === 'none');
    const setup = authz.placement.by === 'waypoint' ? authz.placement.setup : undefined;
    const waypointIssues = issuesAt(issues, [...CREATE_WAYPOINT_PATH]);
    const selected = new Set(state.callers.map(keyOf));
    const fieldIssues = (list: Issue[], test: string) =>
      list.length > 0 && (
        <FormHelperText>
          <HelperText>
            {list.map((i) => (
              <HelperTextItem
                key={JSON.stringify([i.path, i.code, i.params])}
                variant={i.severity === 'warning' ? 'warning' : 'error'}
                data-test={test}
              >
                {securityIssueText(t, i)}
              </HelperTextItem>
            ))}
          </HelperText>
        </FormHelperText>
      );

    return (
      <Stack hasGutter>
        <StackItem>
          <FormOrYaml
            objects={[...setupObjects, result]}
            onYaml={(objects) => {
              setYamlBase(objects[objects.length - 1] as AuthorizationPolicy);
              setYamlExtra(objects.slice(0, -1));
              setEdited(undefined);
              setPathsText(undefined);
            }}
            onIssues={setYamlIssues}
            onView={setView}
            // Setting the waypoint up adds objects: the YAML view starts anew from them.
            scope={setupObjects.map((o) => `${o.kind}/${o.metadata?.name}`).join(',')}
          >
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
                      setYamlBase(undefined);
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
                      setYamlBase(undefined);
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
                  onChange={() => {
                    setMode('allow');
                    setYamlBase(undefined);
                  }}
                  label={t('Allow only the callers chosen below')}
                />
                <Radio
                  id="authz-mode-deny"
                  name="authz-mode"
                  data-test="authz-mode-deny"
                  isChecked={chosenMode === 'deny'}
                  onChange={() => {
                    setMode('deny');
                    setYamlBase(undefined);
                  }}
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
                    {HTTP_METHODS.map((m) => (
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
                    {fieldIssues(methodIssues, 'authz-methods-issue')}
                  </FormGroup>
                  <FormGroup label={t('Only these paths (none = any)')} fieldId="authz-paths">
                    <TextInput
                      id="authz-paths"
                      data-test="authz-paths"
                      value={paths}
                      onChange={(_, v) => setPathsText(v)}
                      placeholder="/reviews/*, /health"
                      validated={
                        pathIssues.some((i) => i.severity === 'error') ? 'error' : 'default'
                      }
                    />
                    {fieldIssues(pathIssues, 'authz-paths-issue')}
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
          </FormOrYaml>
        </StackItem>
        {chosenMode === 'allow' && (
          <StackItem>
            <Enforcement placement={authz.placement} name={name} />
          </StackItem>
        )}
        {setup && (
          <StackItem>
            <Alert
              isInline
              variant="warning"
              title={t('A waypoint is needed')}
              data-test="waypoint-required"
            >
              <Stack hasGutter>
                <StackItem>
                  {setup.label.length > 0 && setup.create.length > 0
                    ? t(
                        'Service {{services}} uses no waypoint yet. Apply can create waypoint {{waypoint}} in {{namespace}} (a Gateway of class istio-waypoint, which Istio then runs) and label the Service istio.io/use-waypoint={{waypoint}}.',
                        {
                          services: setup.label.join(', '),
                          waypoint: setup.waypoint,
                          namespace: ns,
                        },
                      )
                    : setup.label.length > 0
                      ? t(
                          'Service {{services}} uses no waypoint yet. Apply can label it istio.io/use-waypoint={{waypoint}}, the waypoint {{namespace}} already has.',
                          {
                            services: setup.label.join(', '),
                            waypoint: setup.waypoint,
                            namespace: ns,
                          },
                        )
                      : t(
                          'The waypoint {{waypoint}} that the Service’s labels name does not exist. Apply can create it in {{namespace}} (a Gateway of class istio-waypoint, which Istio then runs).',
                          { waypoint: setup.create.join(', '), namespace: ns },
                        )}
                </StackItem>
                <StackItem>
                  <Checkbox
                    id="create-waypoint"
                    data-test="create-waypoint"
                    isChecked={createWaypoint}
                    onChange={(_, on) => setCreateWaypoint(on)}
                    label={t('Set up the waypoint when applying')}
                  />
                  {fieldIssues(waypointIssues, 'waypoint-issue')}
                </StackItem>
              </Stack>
            </Alert>
          </StackItem>
        )}
        {noIdentity && (
          <StackItem>
            <Alert
              isInline
              variant="warning"
              title={t('Callers cannot be identified')}
              data-test="no-identity"
            >
              {joining
                ? t(
                    '{{name}} is joining ambient: until ztunnel captures its pods, callers reach it in plaintext and carry no identity, so a policy that names callers refuses every call.',
                    { name },
                  )
                : t(
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
              {semicolonList(
                t,
                otherAllows.map((p) => policySentence(t, p, data.rootNamespace, describe)),
              )}
            </Alert>
          </StackItem>
        )}
        <StackItem>
          <PolicyInPlainWords
            policy={result}
            rootNamespace={data.rootNamespace}
            describe={describe}
          />
        </StackItem>
        <StackItem>
          <ReviewAndApply
            issueText={securityIssueText}
            plan={writePlan}
            form={form}
            view={view}
            claimed={[...pathIssues, ...methodIssues, ...waypointIssues]}
            objects={[
              ...authz.waypointEdits.map((e) => {
                const obj = isRemoval(e) ? e.before : e.after;
                return {
                  id: `${obj.kind?.toLowerCase()}-${obj.metadata?.name}`,
                  title:
                    obj.kind === 'Service'
                      ? t('Service {{name}}', { name: obj.metadata?.name })
                      : t('Gateway {{name}} (waypoint)', { name: obj.metadata?.name }),
                  before: e.before,
                  after: e.after,
                };
              }),
              {
                id: 'authorizationpolicy',
                title: t('AuthorizationPolicy {{name}}', { name: result.metadata?.name }),
                before: authz.before,
                after: result,
              },
            ]}
            yamlId="authorization"
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

export default AuthorizationPage;
