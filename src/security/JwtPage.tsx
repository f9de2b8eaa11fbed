import {
  Alert,
  Checkbox,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Stack,
  StackItem,
  TextInput,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FormOrYaml } from '../components/FormOrYaml';
import { securityIssueText } from '../components/issues/securityIssueWords';
import { ReviewAndApply } from '../components/ReviewAndApply';
import { useEditForm } from '../k8s/useEditForm';
import { useRereadable } from '../k8s/useRereadable';
import { withIssues } from '../mesh/forms/editPlan';
import { jwtFieldIssues, jwtRequired, planJwt, readJwtFields } from '../mesh/forms/jwtForm';
import type { JwtFields, JwtObjects } from '../mesh/forms/jwtForm';
import type { Issue } from '../mesh/issues';
import { findAllowOnlyPolicy } from '../mesh/security/authorizationForm';
import { isAmbientWorkload } from '../mesh/security/dataPlane';
import { findRequestAuthentication } from '../mesh/security/requestAuthentication';
import type { AuthorizationPolicy, RequestAuthentication } from '../models';
import { PolicyInPlainWords } from './PolicyInPlainWords';
import { SecurityFormShell } from './SecurityFormShell';
import { describeOptionsFor } from './securityText';
import { useSecurityData } from './useSecurityData';

const FIELDS: (keyof JwtFields)[] = [
  'issuer',
  'jwksUri',
  'audiences',
  'header',
  'prefix',
  'params',
];

/**
 * End-user authentication: which JWT issuer a namespace or workload accepts (RequestAuthentication)
 * and, optionally, that a valid token is required (an ALLOW policy with requestPrincipals), so a
 * team can put SSO in front of a service without changing it.
 */
const JwtPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', name } = useParams();
  const data = useSecurityData(ns);
  const row = name ? data.rows.find((r) => r.name === name) : undefined;
  const app = row?.labels.app;
  const matchLabels: Record<string, string> = row ? (app ? { app } : row.selector) : {};
  const target = name ? (app ?? name) : ns;
  const watchedRa = findRequestAuthentication(data.requestAuthentications, ns, matchLabels);
  const watchedAp = findAllowOnlyPolicy(data.authorizationPolicies, ns, matchLabels);
  const latestRa = useRereadable(watchedRa, data.raModel, ns);
  const latestAp = useRereadable(watchedAp, data.apModel, ns);
  const storedRa = latestRa.current;
  const storedAp = latestAp.current;
  const stored = useMemo<JwtObjects>(() => ({ ra: storedRa, ap: storedAp }), [storedRa, storedAp]);
  const [yamlBase, setYamlBase] = useState<JwtObjects>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const base = yamlBase ?? stored;
  const baseFields = useMemo(() => readJwtFields(base.ra), [base.ra]);
  const [edited, setEdited] = useState<JwtFields>();
  const fields = edited ?? baseFields;
  const alreadyRequired = jwtRequired(base.ap);
  const [require, setRequire] = useState<boolean>();
  const wantRequired = require ?? alreadyRequired;
  const jwt = planJwt({ fields: edited, require: wantRequired }, base, {
    namespace: ns,
    workload: name ? { target, matchLabels } : undefined,
    version: data.version,
    raModel: data.raModel,
    apModel: data.apModel,
    stored,
  });
  const writePlan = withIssues(jwt.plan, yamlIssues);
  const form = useEditForm(writePlan, {
    reread: () => Promise.all([latestRa.reread(), latestAp.reread()]),
    onApplied: () => {
      setEdited(undefined);
      setRequire(undefined);
      setYamlBase(undefined);
    },
  });
  // ztunnel reads no tokens: what this form writes only works where sidecars enforce it.
  const ambient = name ? !!row && isAmbientWorkload(row.dataPlane) : data.namespaceAmbient;
  const title = name
    ? t('End-user token for {{name}}', { name: target })
    : t('End-user token for namespace {{namespace}}', { namespace: ns });

  const body = () => {
    const set = (patch: Partial<JwtFields>) => setEdited({ ...fields, ...patch });
    const issues = [...writePlan.issues, ...form.serverIssues];
    const describe = describeOptionsFor(data.rows);
    // The summary is of the policy this form makes require a token, once it proposes one.
    const nextAp = wantRequired && !alreadyRequired ? jwt.ap : undefined;
    const objects = [jwt.ra, jwt.ap].filter(
      (o): o is RequestAuthentication | AuthorizationPolicy => o !== undefined,
    );

    const field = (key: keyof JwtFields, label: string, help: string, placeholder?: string) => {
      const found = jwtFieldIssues(issues, key);
      const issue = found.find((i) => i.severity === 'error') ?? found[0];
      const variant = issue ? (issue.severity === 'warning' ? 'warning' : 'error') : 'default';
      return (
        <FormGroup label={label} fieldId={`jwt-${key}`} isRequired={key === 'issuer'}>
          <TextInput
            id={`jwt-${key}`}
            data-test={`jwt-${key}`}
            value={fields[key]}
            placeholder={placeholder}
            validated={variant}
            onChange={(_, v) => set({ [key]: v })}
          />
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant={variant}>
                {issue ? securityIssueText(t, issue) : help}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
      );
    };

    return (
      <Stack hasGutter>
        <StackItem>
          <Content component="p">
            {name
              ? t(
                  'Requests to {{target}} that carry a token from this issuer are checked against its keys; invalid tokens are refused.',
                  { target },
                )
              : t(
                  'Requests to any workload in {{namespace}} that carry a token from this issuer are checked against its keys; invalid tokens are refused.',
                  { namespace: ns },
                )}
          </Content>
        </StackItem>
        <StackItem>
          <FormOrYaml
            objects={objects}
            onYaml={(read) => {
              setYamlBase({
                ra: read.find((o) => o.kind === 'RequestAuthentication') as
                  RequestAuthentication | undefined,
                ap: read.find((o) => o.kind === 'AuthorizationPolicy') as
                  AuthorizationPolicy | undefined,
              });
              setEdited(undefined);
              setRequire(undefined);
            }}
            onIssues={setYamlIssues}
            onView={setView}
          >
            <Form onSubmit={(e) => e.preventDefault()}>
              {field(
                'issuer',
                t('Issuer'),
                t('The token’s "iss" claim, e.g. your SSO realm URL.'),
                'https://sso.example.com/realms/books',
              )}
              {field(
                'jwksUri',
                t('JWKS URI'),
                t('Where the issuer publishes its signing keys (https).'),
                'https://sso.example.com/realms/books/protocol/openid-connect/certs',
              )}
              {field(
                'audiences',
                t('Audiences'),
                t('Comma-separated; empty accepts any audience.'),
              )}
              <Grid hasGutter>
                <GridItem span={6}>
                  {field(
                    'header',
                    t('Token header'),
                    t('Empty: the Authorization header.'),
                    'Authorization',
                  )}
                </GridItem>
                <GridItem span={6}>
                  {field('prefix', t('Header value prefix'), t('e.g. "Bearer " (with the space).'))}
                </GridItem>
              </Grid>
              {field(
                'params',
                t('Token query parameters'),
                t('Comma-separated; empty: the access_token parameter.'),
              )}
              <FormGroup fieldId="jwt-require">
                <Checkbox
                  id="jwt-require"
                  data-test="jwt-require"
                  isChecked={wantRequired}
                  isDisabled={alreadyRequired}
                  onChange={(_, on) => setRequire(on)}
                  label={t('Require a valid token on every request')}
                  description={
                    alreadyRequired
                      ? t('Already required by AuthorizationPolicy {{policy}}.', {
                          policy: base.ap?.metadata?.name,
                        })
                      : t(
                          'Without this, requests without any token still pass; only invalid tokens are refused.',
                        )
                  }
                />
              </FormGroup>
            </Form>
          </FormOrYaml>
        </StackItem>
        {ambient && (
          <StackItem>
            <Alert
              isInline
              variant="warning"
              title={t('ztunnel does not check end-user tokens')}
              data-test="jwt-ambient"
            >
              {t(
                '{{target}} is in the ambient data plane. Tokens are checked only by a waypoint, so the RequestAuthentication and the policy requiring a token must be attached to the waypoint with targetRefs; bound by a selector, as this form writes them, ztunnel refuses the calls the policy should allow.',
                { target },
              )}
            </Alert>
          </StackItem>
        )}
        {nextAp && (
          <StackItem>
            <PolicyInPlainWords
              policy={nextAp}
              rootNamespace={data.rootNamespace}
              describe={describe}
            />
          </StackItem>
        )}
        <StackItem>
          <ReviewAndApply
            issueText={securityIssueText}
            plan={writePlan}
            form={form}
            view={view}
            claimed={FIELDS.flatMap((f) => jwtFieldIssues(issues, f))}
            objects={objects.map((o) => ({
              id: o.kind?.toLowerCase() ?? 'object',
              title: `${o.kind} ${o.metadata?.name}`,
              before: o.kind === 'RequestAuthentication' ? stored.ra : stored.ap,
              after: o,
            }))}
            yamlId="jwt"
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

export default JwtPage;
