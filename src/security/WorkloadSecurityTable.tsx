import { ResourceLink, TableData } from '@openshift-console/dynamic-plugin-sdk';
import type {
  RowFilter,
  RowProps,
  RowSearchFilter,
  TableColumn,
} from '@openshift-console/dynamic-plugin-sdk';
import { HelperText, HelperTextItem, Label, List, ListItem } from '@patternfly/react-core';
import { ActionsColumn, SortByDirection } from '@patternfly/react-table';
import { useMemo } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FilteredList } from '../components/FilteredList';
import { formLabel } from '../components/formLabel';
import { securityIssueText } from '../components/issues/securityIssueWords';
import { formPath, formsFor } from '../mesh/forms/registry';
import type { DescribeOptions } from '../mesh/security/authorization';
import type { DataPlaneKind } from '../mesh/security/dataPlane';
import type { MtlsMode } from '../mesh/security/mtls';
import type { WorkloadSecurity } from '../mesh/security/workloadSecurity';
import { DeploymentModel, modelToGroupVersionKind } from '../models';
import {
  dataPlaneKindText,
  dataPlaneText,
  modeText,
  policySentence,
  sourceText,
  waypointStateText,
} from './securityText';

const deploymentGVK = modelToGroupVersionKind(DeploymentModel);

type RowData = { namespace: string; root: string; describe: DescribeOptions };

const byName = (data: WorkloadSecurity[], direction: SortByDirection) =>
  [...data].sort(
    (a, b) =>
      (direction === SortByDirection.desc ? -1 : 1) *
      a.name.localeCompare(b.name, undefined, { numeric: true }),
  );

/**
 * One workload: its data plane, the mTLS it really gets, callers and token checks, and its
 * forms.
 */
const WorkloadRow: FC<RowProps<WorkloadSecurity, RowData>> = ({
  obj: r,
  activeColumnIDs,
  rowData: { namespace, root, describe },
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const navigate = useNavigate();
  const mtls = r.enforcedMtls;
  const overrides = Object.entries(mtls.portModes).filter(([, m]) => m !== mtls.mode);
  const issuers = r.requestAuthentications.flatMap((ra) =>
    (ra.spec?.jwtRules ?? []).map((rule) => rule.issuer),
  );
  const dp = r.dataPlane;
  const inMesh = dp.mesh === 'all';
  const waypoints = r.services.flatMap((s) =>
    s.waypoint.kind === 'waypoint' ? [waypointStateText(t, s.waypoint.name, s.waypoint.state)] : [],
  );
  return (
    <>
      <TableData id="name" activeColumnIDs={activeColumnIDs}>
        <ResourceLink groupVersionKind={deploymentGVK} name={r.name} namespace={namespace} />
      </TableData>
      <TableData id="dataplane" activeColumnIDs={activeColumnIDs}>
        <span data-test={`dataplane-${r.name}`} data-dataplane={dp.kind}>
          {/* `sidecar-<name>` is what browser tests written before ambient look for. */}
          <span data-test={`sidecar-${r.name}`}>
            {inMesh ? (
              dataPlaneText(t, dp)
            ) : (
              <Label
                color={dp.kind === 'unknown' ? 'grey' : dp.kind === 'joining' ? 'blue' : 'orange'}
                isCompact
              >
                {dataPlaneText(t, dp)}
              </Label>
            )}
          </span>
        </span>
        {waypoints.length > 0 && (
          <div data-test={`waypoint-${r.name}`}>
            {t('Through {{waypoints}}', { waypoints: waypoints.join(', ') })}
          </div>
        )}
      </TableData>
      <TableData id="mtls" activeColumnIDs={activeColumnIDs}>
        <div data-test={`mtls-${r.name}`}>
          <strong>{mtls.mode}</strong> {mtls.by === 'ztunnel' && <>{t('via ztunnel')} </>}
          <span>{sourceText(t, r.mtls.source, r.mtls.policy?.name)}</span>
          {overrides.length > 0 && (
            <div>
              {overrides
                .map(([port, m]) => t('port {{port}}: {{mode}}', { port, mode: m }))
                .join(', ')}
            </div>
          )}
          {mtls.disableIgnored && (
            <HelperText>
              <HelperTextItem variant="warning" data-test={`mtls-ignored-${r.name}`}>
                {mtls.ignoredPorts.length > 0 && r.mtls.mode !== 'DISABLE'
                  ? t(
                      'DISABLE on port {{ports}} is ignored: ztunnel always uses mTLS in the mesh.',
                      {
                        ports: mtls.ignoredPorts.join(', '),
                      },
                    )
                  : t('DISABLE is ignored: ztunnel always uses mTLS in the mesh.')}
              </HelperTextItem>
            </HelperText>
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
        {r.policyIssues.length > 0 && (
          <HelperText data-test={`authz-issues-${r.name}`}>
            {r.policyIssues.map((i) => (
              <HelperTextItem
                key={JSON.stringify([i.path, i.code, i.params])}
                variant={i.severity === 'warning' ? 'warning' : 'error'}
              >
                {securityIssueText(t, i)}
              </HelperTextItem>
            ))}
          </HelperText>
        )}
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
const DATA_PLANES: DataPlaneKind[] = ['sidecar', 'ambient', 'joining', 'none', 'unknown'];

/**
 * The workloads of one namespace with what Istio enforces for each, on the console's list
 * primitives: a name filter, filters on effective mTLS and data plane, and its table.
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
        reducer: (r) => r.enforcedMtls.mode,
        filter: ({ selected }, r) => !selected?.length || selected.includes(r.enforcedMtls.mode),
      },
      {
        filterGroupName: t('Data plane'),
        type: 'dataplane',
        items: DATA_PLANES.map((k) => ({ id: k, title: dataPlaneKindText(t, k) })),
        reducer: (r) => r.dataPlane.kind,
        filter: ({ selected }, r) => !selected?.length || selected.includes(r.dataPlane.kind),
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
      { title: t('Data plane'), id: 'dataplane' },
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
