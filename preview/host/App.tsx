// The console chrome: masthead (namespace selector, theme, user), the admin navigation with the
// plugin's sections and items merged in, and routes for host pages and plugin pages.
import { useExtensions, usePluginInfo } from '@openshift/dynamic-plugin-sdk';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import {
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  PageToggleButton,
  Nav,
  NavExpandable,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  Spinner,
  Switch,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
  FormSelect,
  FormSelectOption,
  Label,
  Bullseye,
} from '@patternfly/react-core';
import { Suspense, useState } from 'react';
import type { FC } from 'react';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { ALL_NAMESPACES_KEY, useActiveNamespace } from './consoleInternals';
import type { NavHref, NavSection } from './extensions';
import { isNavHref, isNavSection, isPageRoute } from './extensions';
import { FlagProviders } from './Flags';
import i18n from './i18n';
import { lazyPage } from './lazyPage';
import { DetailsPage, HomePage, ListPage } from './pages';

type Section = {
  id: string;
  name: string;
  dataTest?: string;
  items: { id: string; name: string; href: string; dataTest?: string }[];
};

const HOST_SECTIONS: Section[] = [
  {
    id: 'home',
    name: 'Home',
    items: [{ id: 'namespaces', name: 'Namespaces', href: '/k8s/cluster/namespaces' }],
  },
  {
    id: 'workloads',
    name: 'Workloads',
    items: [{ id: 'deployments', name: 'Deployments', href: '/k8s/all-namespaces/deployments' }],
  },
  {
    id: 'networking',
    name: 'Networking',
    items: [{ id: 'services', name: 'Services', href: '/k8s/all-namespaces/services' }],
  },
];

const asArray = (v?: string | string[]) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Host sections plus the plugins' (admin perspective), placed by insertAfter/insertBefore. */
const mergeNav = (
  sections: NavSection[],
  hrefs: NavHref[],
  t: (s: string) => string,
): Section[] => {
  const result = HOST_SECTIONS.map((s) => ({ ...s, items: [...s.items] }));
  for (const s of sections.filter((x) => (x.properties.perspective ?? 'admin') === 'admin')) {
    const section: Section = {
      id: s.properties.id,
      name: t(s.properties.name ?? s.properties.id),
      dataTest: s.properties.dataAttributes?.['data-test'],
      items: [],
    };
    const after = asArray(s.properties.insertAfter)
      .map((id) => result.findIndex((r) => r.id === id))
      .find((i) => i >= 0);
    const before = asArray(s.properties.insertBefore)
      .map((id) => result.findIndex((r) => r.id === id))
      .find((i) => i >= 0);
    result.splice(
      after !== undefined ? after + 1 : before !== undefined ? before : result.length,
      0,
      section,
    );
  }
  for (const h of hrefs.filter((x) => (x.properties.perspective ?? 'admin') === 'admin')) {
    const section = result.find((r) => r.id === h.properties.section);
    const item = {
      id: h.properties.id,
      name: t(h.properties.name),
      href: h.properties.href,
      dataTest: h.properties.dataAttributes?.['data-test'],
    };
    if (section) section.items.push(item);
    else result.push({ id: h.properties.id, name: item.name, items: [item] });
  }
  return result;
};

/** Extension labels arrive as "%namespace~key%": translate them as the console does. */
const useExtensionLabel = () => {
  return (label: string) => {
    const m = label.match(/^%(.+)~(.+)%$/);
    return m ? i18n.t(m[2], { ns: m[1] }) : label;
  };
};

const Navigation: FC = () => {
  const sections = useExtensions(isNavSection);
  const hrefs = useExtensions(isNavHref);
  const label = useExtensionLabel();
  const location = useLocation();
  return (
    <Nav aria-label="Console navigation">
      <NavList>
        {mergeNav(sections, hrefs, label).map((s) => {
          const active = s.items.some((i) => location.pathname.startsWith(i.href));
          return (
            // As the console: a section starts collapsed unless the current page is in it.
            <NavExpandable
              key={`${s.id}-${active}`}
              title={s.name}
              isExpanded={active}
              isActive={active}
              data-test={s.dataTest}
            >
              {s.items.map((i) => (
                <NavItem key={i.id} isActive={location.pathname.startsWith(i.href)}>
                  <NavLink to={i.href} data-test={i.dataTest}>
                    {i.name}
                  </NavLink>
                </NavItem>
              ))}
            </NavExpandable>
          );
        })}
      </NavList>
    </Nav>
  );
};

const NamespaceSelector: FC = () => {
  const [ns, setNs] = useActiveNamespace();
  const [namespaces] = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: { version: 'v1', kind: 'Namespace' },
    isList: true,
  });
  return (
    <FormSelect
      value={ns}
      onChange={(_, v) => setNs(v)}
      aria-label="Active namespace"
      data-test="namespace-selector"
    >
      <FormSelectOption value={ALL_NAMESPACES_KEY} label="All namespaces" />
      {(namespaces ?? []).map((n) => (
        <FormSelectOption
          key={n.metadata?.name}
          value={n.metadata?.name}
          label={n.metadata?.name ?? ''}
        />
      ))}
    </FormSelect>
  );
};

const ThemeSwitch: FC = () => {
  const [dark, setDark] = useState(() =>
    document.documentElement.classList.contains('pf-v6-theme-dark'),
  );
  return (
    <Switch
      id="theme-switch"
      label="Dark theme"
      isChecked={dark}
      onChange={(_, checked) => {
        document.documentElement.classList.toggle('pf-v6-theme-dark', checked);
        window.localStorage.setItem('preview.theme', checked ? 'dark' : 'light');
        setDark(checked);
      }}
    />
  );
};

const PluginRoutes = () => {
  const routes = useExtensions(isPageRoute);
  const resolved = usePluginInfo().every((p) => p.status !== 'pending');
  return { routes, resolved };
};

export const App: FC<{ user: string }> = ({ user }) => {
  const { routes, resolved } = PluginRoutes();
  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton isHamburgerButton aria-label="Global navigation" />
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo component="span" data-test="masthead-brand">
            Preview console · OpenShift 4.22
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight>
          <ToolbarContent>
            <ToolbarItem>
              <NamespaceSelector />
            </ToolbarItem>
            <ToolbarItem>
              <ThemeSwitch />
            </ToolbarItem>
            <ToolbarItem>
              <Label data-test="user">{user}</Label>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Navigation />
      </PageSidebarBody>
    </PageSidebar>
  );
  return (
    <Page masthead={masthead} sidebar={sidebar} isManagedSidebar>
      <FlagProviders />
      <Suspense fallback={<Spinner aria-label="Loading" />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/k8s/cluster/namespaces" element={<ListPage plural="namespaces" />} />
          <Route path="/k8s/all-namespaces/:plural" element={<ListByParam />} />
          <Route path="/k8s/ns/:ns/:plural" element={<ListByParam />} />
          <Route path="/k8s/cluster/:segment/:name/:tab?" element={<DetailsPage />} />
          <Route path="/k8s/ns/:ns/:segment/:name/:tab?" element={<DetailsPage />} />
          {routes.flatMap((r) =>
            asArray(r.properties.path).map((path) => {
              const Component = lazyPage(r.properties.component);
              return (
                <Route
                  key={`${r.uid}${path}`}
                  path={r.properties.exact ? path : `${path}/*`}
                  element={<Component />}
                />
              );
            }),
          )}
          <Route
            path="*"
            element={
              resolved ? (
                <Bullseye data-test="not-found">404: no page here</Bullseye>
              ) : (
                <Spinner aria-label="Loading plugins" />
              )
            }
          />
        </Routes>
      </Suspense>
    </Page>
  );
};

const ListByParam: FC = () => {
  const location = useLocation();
  const plural = location.pathname.split('/').pop() ?? '';
  return plural in { services: 1, deployments: 1 } ? (
    <ListPage plural={plural} />
  ) : (
    <Bullseye>Unknown list</Bullseye>
  );
};
