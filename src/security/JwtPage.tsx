import {
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
import type { Edit } from '../k8s/writes';
import { commaList } from '../mesh/commaList';
import {
  buildAllowOnlyPolicy,
  describePolicy,
  summarizePolicy,
  validateAuthorizationPolicy,
} from '../mesh/security/authorization';
import { allowOnlyFormState, findAllowOnlyPolicy } from '../mesh/security/authorizationForm';
import {
  buildRequestAuthentication,
  findRequestAuthentication,
  setJwtRule,
  validateRequestAuthentication,
} from '../mesh/security/requestAuthentication';
import type { JwtRuleInput } from '../mesh/security/requestAuthentication';
import type { AuthorizationPolicy, RequestAuthentication } from '../models';
import { SecurityFormShell } from './SecurityFormShell';
import { describeOptionsFor } from './securityText';
import { useSecurityData } from './useSecurityData';

// Issues shown under their own field, not again in the list below the form.
const ON_FIELD = /\.(issuer|jwksUri)$|\.audiences|\.fromHeaders|\.fromParams/;

type Fields = {
  issuer: string;
  jwksUri: string;
  audiences: string;
  header: string;
  prefix: string;
  params: string;
};

const fieldsOf = (ra: RequestAuthentication | undefined): Fields => {
  const rule = ra?.spec?.jwtRules?.[0];
  return {
    issuer: rule?.issuer ?? '',
    jwksUri: rule?.jwksUri ?? '',
    audiences: (rule?.audiences ?? []).join(', '),
    header: rule?.fromHeaders?.[0]?.name ?? '',
    prefix: rule?.fromHeaders?.[0]?.prefix ?? '',
    params: (rule?.fromParams ?? []).join(', '),
  };
};

const ruleOf = (f: Fields, existing?: RequestAuthentication): JwtRuleInput => {
  const oldHeaders = existing?.spec?.jwtRules?.[0]?.fromHeaders ?? [];
  return {
    issuer: f.issuer.trim(),
    jwksUri: f.jwksUri.trim() || undefined,
    audiences: commaList(f.audiences),
    // The form shows the first header location; any further ones stay as they were.
    fromHeaders: f.header.trim()
      ? [
          { name: f.header.trim(), ...(f.prefix ? { prefix: f.prefix } : {}) },
          ...oldHeaders.slice(1),
        ]
      : oldHeaders.slice(1),
    fromParams: commaList(f.params),
  };
};

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
  const [edited, setEdited] = useState<Fields>();
  const [require, setRequire] = useState<boolean>();
  const write = useWriteAction();
  const title = name
    ? t('End-user token for {{name}}', { name: target })
    : t('End-user token for namespace {{namespace}}', { namespace: ns });

  const form = () => {
    const ra = latestRa.current;
    const ap = latestAp.current;
    const fields = edited ?? fieldsOf(ra);
    const apState = allowOnlyFormState(ap);
    const alreadyRequired = apState.requireJwt;
    const wantRequired = require ?? alreadyRequired;
    const set = (patch: Partial<Fields>) => setEdited({ ...fields, ...patch });

    const rule = ruleOf(fields, ra);
    const previousIssuer = ra?.spec?.jwtRules?.[0]?.issuer;
    const nextRa = ra
      ? setJwtRule(ra, rule, previousIssuer)
      : buildRequestAuthentication(
          { namespace: ns, name: `${target}-jwt`, matchLabels, rule },
          data.version,
        );
    const edits: Edit[] = [];
    // Nothing typed yet and nothing to edit: no object, and no errors shouted at an empty form.
    const pristine = !ra && !edited;
    if (!pristine && JSON.stringify(nextRa) !== JSON.stringify(ra)) {
      edits.push({ model: data.raModel, before: ra, after: nextRa });
    }
    let nextAp: AuthorizationPolicy | undefined;
    if (wantRequired && !alreadyRequired) {
      nextAp = buildAllowOnlyPolicy(
        {
          namespace: ns,
          name: `${target}-require-jwt`,
          matchLabels,
          callers: { workloads: apState.callers, namespaces: apState.namespaces },
          methods: apState.methods,
          paths: apState.paths,
          requireJwt: true,
        },
        data.version,
        ap,
      );
      // A namespace-wide policy has no selector at all (an empty one would read as a mistake).
      if (!name && nextAp.spec) delete nextAp.spec.selector;
      // Tokens must be accepted before they are required, so the RequestAuthentication goes first.
      edits.push({ model: data.apModel, before: ap, after: nextAp });
    }

    const issuerMissing = !fields.issuer.trim();
    const issues = [
      ...(pristine ? [] : validateRequestAuthentication(nextRa)),
      ...(nextAp ? validateAuthorizationPolicy(nextAp) : []),
    ];
    const blocking = issues.filter((i) => i.level !== 'warning');
    const describe = describeOptionsFor(data.rows);

    const apply = () =>
      write
        .run(
          () => applyEdits(edits),
          () => Promise.all([latestRa.reread(), latestAp.reread()]),
        )
        .then((ok) => {
          if (ok) {
            setEdited(undefined);
            setRequire(undefined);
          }
        });

    const field = (key: keyof Fields, label: string, help: string, placeholder?: string) => {
      const issue = issues.find(
        (i) =>
          (key === 'issuer' && i.path.endsWith('.issuer')) ||
          (key === 'jwksUri' && i.path.endsWith('.jwksUri')) ||
          (key === 'audiences' && i.path.includes('.audiences')) ||
          (key === 'header' && i.path.includes('.fromHeaders')) ||
          (key === 'params' && i.path.includes('.fromParams')),
      );
      return (
        <FormGroup label={label} fieldId={`jwt-${key}`} isRequired={key === 'issuer'}>
          <TextInput
            id={`jwt-${key}`}
            data-test={`jwt-${key}`}
            value={fields[key]}
            placeholder={placeholder}
            validated={issue ? 'error' : 'default'}
            onChange={(_, v) => set({ [key]: v })}
          />
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant={issue ? 'error' : 'default'}>
                {issue ? issue.message : help}
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
            {field('audiences', t('Audiences'), t('Comma-separated; empty accepts any audience.'))}
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
                        policy: ap?.metadata?.name,
                      })
                    : t(
                        'Without this, requests without any token still pass; only invalid tokens are refused.',
                      )
                }
              />
            </FormGroup>
          </Form>
        </StackItem>
        <ValidationIssues issues={issues.filter((i) => !ON_FIELD.test(i.path))} />
        {nextAp && (
          <StackItem>
            <Content component="p" data-test="policy-summary">
              {t('In plain words: {{summary}}', {
                summary: describePolicy(summarizePolicy(nextAp, data.rootNamespace), describe),
                interpolation: { escapeValue: false },
              })}
            </Content>
          </StackItem>
        )}
        {edits.map((e) => (
          <StackItem key={e.after.kind}>
            <ObjectDiff
              id={e.after.kind?.toLowerCase() ?? 'object'}
              title={`${e.after.kind} ${e.after.metadata?.name}`}
              before={e.before}
              after={e.after}
            />
          </StackItem>
        ))}
        {edits.length > 0 && (
          <StackItem>
            <YamlPreview
              objects={edits.map((e) => e.after)}
              id="jwt"
              toggleText={t('YAML of the resulting objects (for GitOps)')}
            />
          </StackItem>
        )}
        <StackItem>
          <ApplyFooter
            error={write.error}
            busy={write.busy}
            disabled={edits.length === 0 || issuerMissing || blocking.length > 0}
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

export default JwtPage;
