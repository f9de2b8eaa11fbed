import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  Flex,
  Skeleton,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formLabel } from '../components/formLabel';
import { ProblemCounts } from '../components/ProblemCounts';
import { errorMessage } from '../k8s/errors';
import { useMeshConfigObjects } from '../k8s/useMeshConfigObjects';
import { configDetailsPath } from '../mesh/config/paths';
import { validateObject } from '../mesh/config/validateMeshConfig';
import { formPath, formsFor, securityPagePath } from '../mesh/forms/registry';
import { appliedConfig } from '../mesh/observability/istioConfig';
import type { AppliedConfig } from '../mesh/observability/istioConfig';
import type { TabSubject } from '../mesh/observability/target';
import { useNamespaceIstioConfig } from './useNamespaceIstioConfig';

const LinkButton: FC<{ to: string; children: string; dataTest?: string }> = ({
  to,
  children,
  dataTest,
}) => (
  <Button
    variant="link"
    isInline
    component={(props) => <Link {...props} to={to} />}
    data-test={dataTest}
  >
    {children}
  </Button>
);

const GROUP: Record<AppliedConfig['kind'], string> = {
  VirtualService: 'networking.istio.io',
  DestinationRule: 'networking.istio.io',
  PeerAuthentication: 'security.istio.io',
  AuthorizationPolicy: 'security.istio.io',
  RequestAuthentication: 'security.istio.io',
};

/** The Istio objects that shape this object's traffic and security, with ways to change them. */
export const AppliedIstioConfig: FC<{ subject: TabSubject }> = ({ subject }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { target } = subject;
  const ns = target.namespace;
  const data = useNamespaceIstioConfig(ns);
  const applied = data.loaded ? appliedConfig(subject, data.config) : [];
  // What the Istio config page finds wrong with each object, from the namespace's watches.
  const config = useMeshConfigObjects(ns);
  const problems = (c: AppliedConfig) => {
    if (!config.loaded) return undefined;
    const found = validateObject(c.object, config.index, c.kind);
    const errors = found.filter((i) => i.severity === 'error').length;
    return { errors, warnings: found.length - errors };
  };
  const versionOf = (kind: AppliedConfig['kind']) =>
    GROUP[kind] === 'networking.istio.io'
      ? data.versions.networking
      : kind === 'PeerAuthentication'
        ? data.versions.peerAuthentication
        : data.versions.security;

  const reason = (c: AppliedConfig) => {
    if (c.reason === 'host')
      return t('Routes requests for {{services}}', { services: c.services.join(', ') });
    if (c.reason === 'namespace') return t('Covers the whole namespace');
    return target.kind === 'namespace'
      ? t('Selects some workloads')
      : t('Selects this workload’s pods');
  };

  const actions = (c: AppliedConfig) => {
    // Routing objects: the forms about this kind, for each service it routes.
    if (c.kind === 'VirtualService' || c.kind === 'DestinationRule') {
      return c.services.flatMap((s) =>
        formsFor('service', c.kind).map((id) => (
          <LinkButton
            key={`${s}-${id}`}
            to={formPath(id, { scope: 'service', namespace: ns, name: s })}
          >
            {formLabel(t, id)}
          </LinkButton>
        )),
      );
    }
    return [
      <LinkButton key="sec" to={securityPagePath(ns)}>
        {t('Security')}
      </LinkButton>,
    ];
  };

  let body;
  if (data.error) {
    body = (
      <Alert
        isInline
        isPlain
        variant="danger"
        title={t('The Istio configuration could not be read')}
      >
        {errorMessage(data.error)}
      </Alert>
    );
  } else if (!data.loaded) {
    body = <Skeleton screenreaderText={t('Loading the Istio configuration')} />;
  } else if (applied.length === 0) {
    body = (
      <Content component="p" data-test="no-istio-config">
        {target.kind === 'namespace'
          ? t('No Istio routing or security objects in this namespace.')
          : t(
              'No VirtualService, DestinationRule or security policy applies here: the mesh’s defaults do.',
            )}{' '}
        {target.kind === 'service' && (
          <>
            <LinkButton
              to={formPath('split', { scope: 'service', namespace: ns, name: target.name })}
              dataTest="add-split"
            >
              {t('Split traffic')}
            </LinkButton>{' '}
            ·{' '}
          </>
        )}
        <LinkButton to={securityPagePath(ns)}>{t('Security')}</LinkButton>
      </Content>
    );
  } else {
    body = (
      <Table
        aria-label={t('Istio configuration that applies')}
        variant="compact"
        data-test="istio-config"
      >
        <Thead>
          <Tr>
            <Th>{t('Object')}</Th>
            <Th>{t('Why it applies')}</Th>
            <Th>{t('Problems')}</Th>
            <Th>{t('Change it')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {applied.map((c) => (
            <Tr
              key={`${c.kind}/${c.object.metadata?.name}`}
              data-test={`config-${c.kind}-${c.object.metadata?.name}`}
            >
              <Td dataLabel={t('Object')}>
                <ResourceLink
                  groupVersionKind={{
                    group: GROUP[c.kind],
                    version: versionOf(c.kind),
                    kind: c.kind,
                  }}
                  name={c.object.metadata?.name}
                  namespace={ns}
                />
              </Td>
              <Td dataLabel={t('Why it applies')}>{reason(c)}</Td>
              <Td dataLabel={t('Problems')}>
                {(() => {
                  const p = problems(c);
                  if (!p) return <Skeleton screenreaderText={t('Checking')} />;
                  const counts = (
                    <ProblemCounts
                      errors={p.errors}
                      warnings={p.warnings}
                      testId={`config-problems-${c.kind}-${c.object.metadata?.name}`}
                    />
                  );
                  return p.errors + p.warnings === 0 ? (
                    counts
                  ) : (
                    <Link
                      to={configDetailsPath(
                        ns,
                        config.kinds.find((k) => k.validated === c.kind)?.type ?? '',
                        c.object.metadata?.name ?? '',
                      )}
                    >
                      {counts}
                    </Link>
                  );
                })()}
              </Td>
              <Td dataLabel={t('Change it')}>
                <Flex gap={{ default: 'gapMd' }}>{actions(c)}</Flex>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    );
  }
  return (
    <Card isFullHeight data-test="applied-config">
      <CardTitle component="h2">{t('Istio configuration')}</CardTitle>
      <CardBody>{body}</CardBody>
    </Card>
  );
};
