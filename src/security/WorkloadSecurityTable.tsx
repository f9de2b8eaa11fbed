import { ResourceLink, TableData } from '@openshift-console/dynamic-plugin-sdk';
import type {
  RowFilter,
  RowProps,
  RowSearchFilter,
  TableColumn,
} from '@openshift-console/dynamic-plugin-sdk';
import { Label, List, ListItem } from '@patternfly/react-core';
import { ActionsColumn, SortByDirection } from '@patternfly/react-table';
import { useMemo } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FilteredList } from '../components/FilteredList';
import { formLabel } from '../components/formLabel';
import { formPath, formsFor } from '../mesh/forms/registry';
import type { DescribeOptions } from '../mesh/security/authorization';
import type { MtlsMode } from '../mesh/security/mtls';
import type { SidecarCoverage, WorkloadSecurity } from '../mesh/security/workloadSecurity';
import { DeploymentModel, modelToGroupVersionKind } from '../models';
import { modeText, policySentence, sidecarText, sourceText } from './securityText';

const deploymentGVK = modelToGroupVersionKind(DeploymentModel);

type RowData = { namespace: string; root: string; describe: DescribeOptions };

const byName = (data: WorkloadSecurity[], direction: SortByDirection) =>
  [...data].sort(
    (a, b) =>
      (direction === SortByDirection.desc ? -1 : 1) *
      a.name.localeCompare(b.name, undefined, { numeric: true }),
  );

/** One workload: its sidecar, effective mTLS, callers and token checks, and its forms. */
const WorkloadRow: FC<RowProps<WorkloadSecurity, RowData>> = ({
  obj: r,
  activeColumnIDs,
  rowData: { namespace, root, describe },
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const navigate = useNavigate();
  const overrides = Object.entries(r.mtls.portModes).filter(([, m]) => m !== r.mtls.mode);
  const issuers = r.requestAuthentications.flatMap((ra) =>
    (ra.spec?.jwtRules ?? []).map((rule) => rule.issuer),
  );
  return (
    <>
      <TableData id="name" activeColumnIDs={activeColumnIDs}>
        <ResourceLink groupVersionKind={deploymentGVK} name={r.name} namespace={namespace} />
      </TableData>
      <TableData id="sidecar" activeColumnIDs={activeColumnIDs}>
        <span data-test={`sidecar-${r.name}`}>
          {r.sidecar === 'all' ? (
            sidecarText(t, r)
          ) : (
            <Label color={r.sidecar === 'unknown' ? 'grey' : 'orange'} isCompact>
              {sidecarText(t, r)}
            </Label>
          )}
        </span>
      </TableData>
      <TableData id="mtls" activeColumnIDs={activeColumnIDs}>
        <div data-test={`mtls-${r.name}`}>
          <strong>{r.mtls.mode}</strong>{' '}
          <span>{sourceText(t, r.mtls.source, r.mtls.policy?.name)}</span>
          {overrides.length > 0 && (
            <div>
              {overrides
                .map(([port, m]) => t('port {{port}}: {{mode}}', { port, mode: m }))
                .join(', ')}
            </div>
          )}
        </div>
      </TableData>
      <TableData id="callers" activeColumnIDs={activeColumnIDs}>
        <div data-test={`authz-${r.name}`}>
          {r.authorizationPolicies.length === 0 ? (
            t('Any caller (no authorization policy)')
          ) : (
            <List isPlain>
              {r.authorizationPolicies.map((p) => (
                <ListItem key={`${p.metadata?.namespace}/${p.metadata?.name}`}>
                  {policySentence(t, p, root, describe)}
                </ListItem>
              ))}
            </List>
          )}
        </div>
      </TableData>
      <TableData id="tokens" activeColumnIDs={activeColumnIDs}>
        <span data-test={`jwt-${r.name}`}>
          {issuers.length ? issuers.join(', ') : t('Not checked')}
        </span>
      </TableData>
      <TableData id="" activeColumnIDs={activeColumnIDs} className="pf-v6-c-table__action">
        <ActionsColumn
          items={formsFor('workload').map((id) => ({
            title: formLabel(t, id),
            onClick: () => navigate(formPath(id, { scope: 'workload', namespace, name: r.name })),
          }))}
        />
      </TableData>
    </>
  );
};

const MODES: MtlsMode[] = ['STRICT', 'PERMISSIVE', 'DISABLE'];
const SIDECARS: SidecarCoverage[] = ['all', 'partial', 'none', 'unknown'];

/**
 * The workloads of one namespace with what Istio enforces for each, on the console's list
 * primitives: a name filter, filters on effective mTLS and sidecar coverage, and its table.
 */
export const WorkloadSecurityTable: FC<{
  rows: WorkloadSecurity[];
  namespace: string;
  root: string;
  describe: DescribeOptions;
}> = ({ rows, namespace, root, describe }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const rowFilters = useMemo(
    (): RowFilter<WorkloadSecurity>[] => [
      {
        filterGroupName: t('Effective mTLS'),
        type: 'mtls-mode',
        items: MODES.map((m) => ({ id: m, title: modeText(t, m) })),
        reducer: (r) => r.mtls.mode,
        filter: ({ selected }, r) => !selected?.length || selected.includes(r.mtls.mode),
      },
      {
        filterGroupName: t('Sidecar'),
        type: 'sidecar',
        items: SIDECARS.map((s) => ({
          id: s,
          title: {
            all: t('In all pods'),
            partial: t('In some pods'),
            none: t('No sidecar'),
            unknown: t('No running pods'),
          }[s],
        })),
        reducer: (r) => r.sidecar,
        filter: ({ selected }, r) => !selected?.length || selected.includes(r.sidecar),
      },
    ],
    [t],
  );
  // The console's name filter reads metadata.name; these rows carry the workload's name.
  const nameFilter = useMemo(
    (): RowSearchFilter<WorkloadSecurity> => ({
      filterGroupName: t('Name'),
      type: 'name',
      filter: ({ selected }, r) => {
        const query = selected?.[0]?.trim().toLowerCase();
        return !query || r.name.toLowerCase().includes(query);
      },
    }),
    [t],
  );
  const rowData = useMemo(() => ({ namespace, root, describe }), [namespace, root, describe]);
  const columns = useMemo(
    (): TableColumn<WorkloadSecurity>[] => [
      { title: t('Workload'), id: 'name', sort: byName },
      { title: t('Sidecar'), id: 'sidecar' },
      { title: t('Effective mTLS'), id: 'mtls' },
      { title: t('Who may call it'), id: 'callers', props: { modifier: 'wrap' } },
      { title: t('End-user tokens'), id: 'tokens', props: { modifier: 'wrap' } },
      { title: '', id: '', props: { className: 'pf-v6-c-table__action' } },
    ],
    [t],
  );
  return (
    <FilteredList<WorkloadSecurity, RowData>
      testId="security-table"
      rows={rows}
      rowFilters={rowFilters}
      search={nameFilter}
      searchPlaceholder={t('Search by workload name...')}
      columns={columns}
      Row={WorkloadRow}
      rowData={rowData}
      ariaLabel={t('Workloads and their security')}
      label={t('Workloads')}
    />
  );
};
