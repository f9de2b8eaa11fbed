// Minimal console pages the plugin hangs off: lists and details for Namespace, Service and
// Deployment (Details and YAML tabs plus every `console.tab/horizontalNav` tab a plugin adds),
// and a YAML view for any other object a ResourceLink points at.
import { useExtensions } from '@openshift/dynamic-plugin-sdk';
import type { CodeRef } from '@openshift/dynamic-plugin-sdk';
import { useK8sModel, useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { K8sGroupVersionKind, K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  CodeBlock,
  CodeBlockCode,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  PageSection,
  Spinner,
  Tab,
  Tabs,
  TabTitleText,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Suspense } from 'react';
import type { ComponentType, FC } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { stringify } from 'yaml';
import {
  ALL_NAMESPACES_KEY,
  ResourceLink,
  resourceURL,
  useActiveNamespace,
} from './consoleInternals';
import { isHorizontalNavTab } from './extensions';
import i18n from './i18n';
import { lazyPage } from './lazyPage';

type Kind = { gvk: K8sGroupVersionKind; plural: string; namespaced: boolean; title: string };
export const KINDS: Record<string, Kind> = {
  namespaces: {
    gvk: { version: 'v1', kind: 'Namespace' },
    plural: 'namespaces',
    namespaced: false,
    title: 'Namespaces',
  },
  projects: {
    gvk: { group: 'project.openshift.io', version: 'v1', kind: 'Project' },
    plural: 'projects',
    namespaced: false,
    title: 'Projects',
  },
  services: {
    gvk: { version: 'v1', kind: 'Service' },
    plural: 'services',
    namespaced: true,
    title: 'Services',
  },
  deployments: {
    gvk: { group: 'apps', version: 'v1', kind: 'Deployment' },
    plural: 'deployments',
    namespaced: true,
    title: 'Deployments',
  },
  statefulsets: {
    gvk: { group: 'apps', version: 'v1', kind: 'StatefulSet' },
    plural: 'statefulsets',
    namespaced: true,
    title: 'StatefulSets',
  },
  pods: {
    gvk: { version: 'v1', kind: 'Pod' },
    plural: 'pods',
    namespaced: true,
    title: 'Pods',
  },
};

/** Tab names arrive as "%namespace~key%": translated as the console does. */
const extensionLabel = (label: string) => {
  const m = label.match(/^%(.+)~(.+)%$/);
  return m ? i18n.t(m[2], { ns: m[1] }) : label;
};

const gvkOfSegment = (segment: string): K8sGroupVersionKind => {
  if (KINDS[segment]) return KINDS[segment].gvk;
  const [group, version, kind] = segment.split('~');
  return { group: group === 'core' ? undefined : group, version, kind };
};

export const ListPage: FC<{ plural: string }> = ({ plural }) => {
  const kind = KINDS[plural];
  const [activeNs] = useActiveNamespace();
  const { ns } = useParams();
  const namespace = kind.namespaced
    ? (ns ?? (activeNs === ALL_NAMESPACES_KEY ? undefined : activeNs))
    : undefined;
  const [items, loaded, error] = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: kind.gvk,
    isList: true,
    namespace,
  });
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{kind.title}</Title>
      </PageSection>
      <PageSection padding={{ default: 'noPadding' }}>
        {error && <Alert isInline variant="danger" title={String(error.message ?? error)} />}
        {!loaded && !error && <Spinner aria-label={`Loading ${kind.title}`} />}
        {loaded && (
          <Table aria-label={kind.title} variant="compact">
            <Thead>
              <Tr>
                <Th>Name</Th>
                {kind.namespaced && <Th>Namespace</Th>}
                <Th>Labels</Th>
              </Tr>
            </Thead>
            <Tbody>
              {items.map((o) => (
                <Tr key={o.metadata?.uid}>
                  <Td dataLabel="Name">
                    <ResourceLink
                      groupVersionKind={kind.gvk}
                      name={o.metadata?.name}
                      namespace={o.metadata?.namespace}
                    />
                  </Td>
                  {kind.namespaced && <Td dataLabel="Namespace">{o.metadata?.namespace}</Td>}
                  <Td dataLabel="Labels">
                    {Object.entries(o.metadata?.labels ?? {})
                      .map(([k, v]) => `${k}=${v}`)
                      .join(', ')}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </PageSection>
    </>
  );
};

const DetailsTab: FC<{ obj: K8sResourceCommon }> = ({ obj }) => (
  <DescriptionList>
    {[
      ['Name', obj.metadata?.name],
      ['Namespace', obj.metadata?.namespace ?? '—'],
      [
        'Labels',
        Object.entries(obj.metadata?.labels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || '—',
      ],
      ['Created', obj.metadata?.creationTimestamp],
    ].map(([term, value]) => (
      <DescriptionListGroup key={term}>
        <DescriptionListTerm>{term}</DescriptionListTerm>
        <DescriptionListDescription>{value}</DescriptionListDescription>
      </DescriptionListGroup>
    ))}
  </DescriptionList>
);

const YamlTab: FC<{ obj: K8sResourceCommon }> = ({ obj }) => (
  <CodeBlock>
    <CodeBlockCode data-test="yaml">{stringify(obj)}</CodeBlockCode>
  </CodeBlock>
);

/** Details page for any kind: Details and YAML, then the plugins' tabs for this kind. */
export const DetailsPage: FC = () => {
  const { ns, segment = '', name = '', tab } = useParams();
  const navigate = useNavigate();
  const gvk = gvkOfSegment(segment);
  const [model] = useK8sModel(gvk);
  const [obj, loaded, error] = useK8sWatchResource<K8sResourceCommon>(
    model ? { groupVersionKind: gvk, name, namespace: ns } : null,
  );
  // As the console: a tab's module is fetched only when that tab is shown.
  const tabs = useExtensions(isHorizontalNavTab);
  const pluginTabs = tabs.filter(
    (t) =>
      t.properties.model.kind === gvk.kind &&
      t.properties.model.version === gvk.version &&
      (t.properties.model.group ?? '') === (gvk.group ?? ''),
  );
  const base = resourceURL(gvk, name, ns);
  const all = [
    {
      href: '',
      name: 'Details',
      render: () => (
        <PageSection>
          <DetailsTab obj={obj} />
        </PageSection>
      ),
    },
    {
      href: 'yaml',
      name: 'YAML',
      render: () => (
        <PageSection>
          <YamlTab obj={obj} />
        </PageSection>
      ),
    },
    ...pluginTabs.map((t) => {
      const Component = lazyPage(
        t.properties.component as unknown as CodeRef<ComponentType>,
      ) as ComponentType<{ obj?: unknown }>;
      return {
        href: t.properties.page.href,
        name: extensionLabel(t.properties.page.name),
        render: () => <Component obj={obj} />,
      };
    }),
  ];
  const active = Math.max(
    0,
    all.findIndex((t) => t.href === (tab ?? '')),
  );
  return (
    <>
      <PageSection>
        <Breadcrumb>
          <BreadcrumbItem>
            <Link to={base.replace(/\/[^/]+$/, '')}>{gvk.kind}s</Link>
          </BreadcrumbItem>
          <BreadcrumbItem isActive>{name}</BreadcrumbItem>
        </Breadcrumb>
        <Title headingLevel="h1" data-test="details-title">
          {gvk.kind} {name}
        </Title>
      </PageSection>
      <PageSection padding={{ default: 'noPadding' }}>
        {error && <Alert isInline variant="danger" title={String(error.message ?? error)} />}
        {/* Before discovery knows the model there is nothing to watch yet: still loading. */}
        {(!loaded || !obj) && !error && <Spinner aria-label="Loading" />}
        {loaded && !error && obj && (
          <Tabs
            activeKey={active}
            onSelect={(_, k) =>
              navigate(all[Number(k)].href ? `${base}/${all[Number(k)].href}` : base)
            }
            mountOnEnter
            unmountOnExit
          >
            {all.map((t, i) => (
              <Tab
                key={t.href || 'details'}
                eventKey={i}
                title={<TabTitleText>{t.name}</TabTitleText>}
                data-test={`tab-${t.href || 'details'}`}
              >
                {/* As the console: a tab's component renders right under the tab bar, unpadded. */}
                {i === active && <Suspense fallback={<Spinner />}>{t.render()}</Suspense>}
              </Tab>
            ))}
          </Tabs>
        )}
      </PageSection>
    </>
  );
};

export const HomePage: FC = () => (
  <PageSection>
    <Title headingLevel="h1">Preview console</Title>
    <p>
      A stand-in for the OpenShift console that loads the built plugin the way console 4.22 does.
      Open <Link to="/service-mesh/overview">Service Mesh → Overview</Link>.
    </p>
  </PageSection>
);
