import {
  DocumentTitle,
  ListPageBody,
  useActiveNamespace,
} from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Bullseye,
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateBody,
  List,
  ListItem,
  PageSection,
  Spinner,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../k8s/errors';
import { useMeshDetection } from '../k8s/useMeshDetection';
import { formPath } from '../mesh/forms/registry';
import { meshMembers } from '../mesh/meshDetection';
import { resolveEffectiveMtls } from '../mesh/security/mtls';
import { waypointStateOf } from '../mesh/security/waypoint';
import { strictImpact } from '../mesh/security/workloadSecurity';
import { MeshNamespaceList } from './MeshNamespaceList';
import {
  describeOptionsFor,
  modeText,
  policySentence,
  sourceText,
  waypointStateText,
} from './securityText';
import { useSecurityData } from './useSecurityData';
import { WorkloadSecurityTable } from './WorkloadSecurityTable';

const ALL_NAMESPACES = '#ALL_NS#';

const LinkButton: FC<{ to: string; test: string; children: string }> = ({ to, test, children }) => (
  <Button
    variant="secondary"
    size="sm"
    component={(props) => <Link {...props} to={to} />}
    data-test={test}
  >
    {children}
  </Button>
);

/** mTLS and authorization for one namespace: what Istio enforces, per workload, in plain words. */
const NamespaceSecurity: FC<{ namespace: string }> = ({ namespace }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const data = useSecurityData(namespace);

  if (data.error) {
    return (
      <Alert isInline variant="danger" title={t('The security settings could not be read')}>
        {errorMessage(data.error)}
      </Alert>
    );
  }
  if (!data.loaded) {
    return (
      <Bullseye>
        <Spinner aria-label={t('Loading security settings')} />
      </Bullseye>
    );
  }
  if (!data.securityInstalled) {
    return (
      <EmptyState titleText={t('Istio is not installed')} headingLevel="h2" data-test="no-istio">
        <EmptyStateBody>
          {t('mTLS and authorization need a Service Mesh control plane.')}{' '}
          <Link to="/service-mesh/install">{t('Install Service Mesh')}</Link>
        </EmptyStateBody>
      </EmptyState>
    );
  }

  const root = data.rootNamespace;
  const ambient = data.namespaceAmbient;
  const meshMtls = resolveEffectiveMtls(data.peerAuthentications, root, { namespace: root });
  const nsMtls = resolveEffectiveMtls(data.peerAuthentications, root, { namespace });
  const impact = strictImpact(data.rows, { kind: 'namespace' }, data.workloadsRead);
  const strictNow = data.rows.filter((r) => r.enforcedMtls.mode === 'STRICT');
  const brokenNow = strictNow.length > 0 ? impact.cutOffCallers : [];
  const describe = describeOptionsFor(data.rows);
  const policies = data.authorizationPolicies.filter(
    (p) => p.metadata?.namespace === namespace || p.metadata?.namespace === root,
  );

  return (
    <Stack hasGutter>
      <StackItem>
        <Card>
          <CardTitle>{t('Mutual TLS')}</CardTitle>
          <CardBody>
            <DescriptionList isHorizontal>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Mesh-wide ({{root}})', { root })}</DescriptionListTerm>
                <DescriptionListDescription data-test="mesh-mtls">
                  {data.meshLevelHidden
                    ? t('You may not read the policies in {{root}}.', { root })
                    : `${modeText(t, meshMtls.mode)} · ${sourceText(t, meshMtls.source, meshMtls.policy?.name)}`}{' '}
                  {!data.meshLevelHidden && namespace !== root && (
                    <LinkButton
                      to={formPath('mtls', { scope: 'mesh', rootNamespace: root })}
                      test="mesh-mtls-edit"
                    >
                      {t('Change mesh-wide mTLS')}
                    </LinkButton>
                  )}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>
                  {namespace === root
                    ? t('Namespace {{namespace}} (root: applies mesh-wide)', { namespace })
                    : t('Namespace {{namespace}}', { namespace })}
                </DescriptionListTerm>
                <DescriptionListDescription data-test="namespace-mtls">
                  {`${modeText(t, nsMtls.mode)} · ${sourceText(t, nsMtls.source, nsMtls.policy?.name)}`}{' '}
                  <LinkButton
                    to={formPath('mtls', { scope: 'namespace', namespace })}
                    test="namespace-mtls-edit"
                  >
                    {t('Change namespace mTLS')}
                  </LinkButton>
                </DescriptionListDescription>
              </DescriptionListGroup>
              {ambient && (
                <DescriptionListGroup>
                  <DescriptionListTerm>{t('Data plane')}</DescriptionListTerm>
                  <DescriptionListDescription data-test="namespace-dataplane">
                    {t(
                      'Ambient (istio.io/dataplane-mode=ambient): ztunnel gives every captured workload mTLS; it ignores DISABLE.',
                    )}
                  </DescriptionListDescription>
                </DescriptionListGroup>
              )}
              {ambient && (
                <DescriptionListGroup>
                  <DescriptionListTerm>{t('Waypoints')}</DescriptionListTerm>
                  <DescriptionListDescription data-test="namespace-waypoints">
                    {data.gateways === undefined
                      ? t('The Gateways of {{namespace}} could not be read.', { namespace })
                      : data.waypoints.length === 0
                        ? t(
                            'None: policies on methods, paths or end-user tokens need one. The allowed-callers form can create it.',
                          )
                        : data.waypoints
                            .map((g) =>
                              waypointStateText(t, g.metadata?.name ?? '', waypointStateOf(g)),
                            )
                            .join(', ')}
                  </DescriptionListDescription>
                </DescriptionListGroup>
              )}
            </DescriptionList>
          </CardBody>
        </Card>
      </StackItem>
      {brokenNow.length > 0 && (
        <StackItem>
          <Alert
            isInline
            variant="warning"
            title={
              ambient
                ? t('Workloads outside the mesh cannot call STRICT workloads')
                : t('Workloads without a sidecar cannot call STRICT workloads')
            }
            data-test="strict-broken"
          >
            {ambient
              ? t(
                  '{{callers}} are neither captured by ztunnel nor have a sidecar, so they send plaintext, which {{targets}} refuse. Let ztunnel capture them (remove istio.io/dataplane-mode=none, or wait while they join) or relax the mode.',
                  {
                    callers: brokenNow.map((r) => r.name).join(', '),
                    targets: strictNow.map((r) => r.name).join(', '),
                  },
                )
              : t(
                  '{{callers}} send plaintext, which {{targets}} refuse. Inject a sidecar into them or relax the mode.',
                  {
                    callers: brokenNow.map((r) => r.name).join(', '),
                    targets: strictNow.map((r) => r.name).join(', '),
                  },
                )}
          </Alert>
        </StackItem>
      )}
      <StackItem>
        <Title headingLevel="h2">{t('Workloads')}</Title>
      </StackItem>
      <StackItem>
        {!data.workloadsRead ? (
          <Alert
            isInline
            variant="warning"
            title={t('The workloads of {{namespace}} could not be read', { namespace })}
            data-test="workloads-unreadable"
          >
            {data.workloadsError
              ? errorMessage(data.workloadsError)
              : t('Deployments and pods are still loading.')}
          </Alert>
        ) : data.rows.length === 0 ? (
          <EmptyState titleText={t('No workloads')} headingLevel="h3">
            <EmptyStateBody>
              {t('There are no Deployments in {{namespace}}.', { namespace })}
            </EmptyStateBody>
          </EmptyState>
        ) : (
          <WorkloadSecurityTable
            rows={data.rows}
            namespace={namespace}
            root={root}
            describe={describe}
          />
        )}
      </StackItem>
      <StackItem>
        <Title headingLevel="h2">{t('Authorization policies')}</Title>
      </StackItem>
      <StackItem>
        {policies.length === 0 ? (
          <Content component="p">
            {t('None: every workload in {{namespace}} accepts calls from anyone.', { namespace })}
          </Content>
        ) : (
          <List data-test="policy-list">
            {policies.map((p) => (
              <ListItem key={`${p.metadata?.namespace}/${p.metadata?.name}`}>
                <strong>
                  {p.metadata?.namespace}/{p.metadata?.name}
                </strong>
                {': '}
                {policySentence(t, p, root, describe)}
              </ListItem>
            ))}
          </List>
        )}
      </StackItem>
      <StackItem>
        <LinkButton
          to={formPath('jwt', { scope: 'namespace', namespace })}
          test="namespace-jwt-edit"
        >
          {t('Require end-user tokens for the whole namespace')}
        </LinkButton>
      </StackItem>
    </Stack>
  );
};

/** Mesh member namespaces, each a way into its security view. */
const MemberNamespaces: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { loaded, detection } = useMeshDetection();
  if (!loaded) return <Spinner size="md" aria-label={t('Loading the mesh')} />;
  const members = meshMembers(detection);
  if (members.length === 0) {
    return (
      <Content component="p" data-test="no-members">
        {t('No namespace is in the mesh yet.')}{' '}
        <Link to="/service-mesh/overview">{t('See the mesh overview')}</Link>
      </Content>
    );
  }
  return <MeshNamespaceList namespaces={members} />;
};

/** The Security page: one namespace from the URL or the namespace selector, else a choice. */
const SecurityPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const params = useParams();
  const [active] = useActiveNamespace();
  const namespace = params.ns ?? (active === ALL_NAMESPACES ? undefined : active);
  return (
    <>
      <DocumentTitle>{t('Security')}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">
          {namespace ? t('Security: {{namespace}}', { namespace }) : t('Security')}
        </Title>
        <Content component="p">
          {t(
            'Mutual TLS and who may call whom. Modes shown are the ones Istio applies: a workload policy over the namespace policy over the mesh-wide policy.',
          )}
        </Content>
      </PageSection>
      <ListPageBody>
        {namespace ? (
          <NamespaceSecurity namespace={namespace} />
        ) : (
          <Stack hasGutter>
            <StackItem>
              <Content component="p">{t('Choose a namespace in the mesh:')}</Content>
            </StackItem>
            <StackItem>
              <MemberNamespaces />
            </StackItem>
          </Stack>
        )}
      </ListPageBody>
    </>
  );
};

export default SecurityPage;
