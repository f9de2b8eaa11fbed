import { k8sGet, k8sListItems } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Button,
  Checkbox,
  Content,
  Flex,
  FlexItem,
  FormSelect,
  FormSelectOption,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { useWriteAction } from '../components/useWriteAction';
import { WriteErrorAlert } from '../components/WriteErrorAlert';
import { applyObjects, patchResource } from '../k8s/writes';
import {
  MESH3_LEAVE_LABELS,
  labelPatch,
  mesh3MemberLabels,
  restartPatch,
} from '../mesh/install/installObjects';
import type { DataPlaneMode } from '../mesh/install/installObjects';
import { missingPodMonitors } from '../mesh/install/observabilityObjects';
import { DeploymentModel, NamespaceModel, ServiceMeshMemberRollModel } from '../models';
import type { Deployment, ServiceMeshMemberRoll } from '../models';
import type { InstallState } from './useInstallState';

const sameMembers = (a: string[] = [], b: string[] = []) =>
  a.length === b.length && [...a].sort().every((m, i) => m === [...b].sort()[i]);

// Namespaces that can never be mesh members (and the control plane's own).
const SYSTEM = /^(openshift|kube|istio-cni$|istio-system$|default$|ibm-)/;

/** Choose member namespaces, enrol them, and restart their workloads so pods get sidecars. */
export const MembersSection: FC<{ state: InstallState; readOnly: boolean }> = ({
  state,
  readOnly,
}) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const candidates = useMemo(
    () =>
      state.data.namespaces
        .map((n) => n.metadata?.name ?? '')
        .filter((n) => n && !SYSTEM.test(n))
        .sort(),
    [state.data.namespaces],
  );
  const [picked, setPicked] = useState<Set<string>>();
  const selected = picked ?? new Set(state.members);
  // Each member's data plane, as chosen here or as its labels say.
  const [modes, setModes] = useState<Record<string, DataPlaneMode>>({});
  const savedMode = (name: string): DataPlaneMode =>
    state.ambientMembers.includes(name) ? 'ambient' : 'sidecar';
  const modeOf = (name: string): DataPlaneMode => modes[name] ?? savedMode(name);
  const changed =
    picked !== undefined ||
    Object.entries(modes).some(([n, m]) => selected.has(n) && m !== savedMode(n));
  const { run, busy, error } = useWriteAction();
  const [restarted, setRestarted] = useState<Record<string, number>>({});
  const istio =
    state.data.istios.find((i) => i.metadata?.name === 'default') ?? state.data.istios[0];
  const revision = istio?.status?.activeRevisionName ?? istio?.metadata?.name ?? 'default';

  const scrapeMembers =
    state.major === 'ossm3' &&
    state.telemetry.links.find((l) => l.id === 'uwm-enabled')?.state === 'ok';
  const save = () =>
    run(async () => {
      if (state.major === 'ossm3') {
        for (const ns of state.data.namespaces) {
          const name = ns.metadata?.name ?? '';
          if (!candidates.includes(name)) continue;
          const labels = selected.has(name)
            ? mesh3MemberLabels(revision, state.ambient ? modeOf(name) : 'sidecar')
            : state.members.includes(name)
              ? MESH3_LEAVE_LABELS
              : {};
          await patchResource({ model: NamespaceModel, resource: ns, ops: labelPatch(ns, labels) });
        }
        // Once metrics are set up, a namespace that joins is scraped too.
        if (scrapeMembers) {
          await applyObjects(
            missingPodMonitors([...selected], state.telemetryObjects.podMonitors.items).map(
              (data) => ({ data, ifExists: 'skip' as const }),
            ),
          );
        }
      } else {
        const seen = state.data.memberRolls.find((m) => m.metadata?.name === 'default');
        if (!seen) throw new Error(t('The ServiceMeshMemberRoll "default" does not exist yet.'));
        // The operator rewrites the roll's status as members come and go, so the watched copy is
        // often a version behind. Patch the current one when only its status moved on; a change
        // to the member list itself is someone else's edit, reported instead of overwritten.
        const roll = await k8sGet<ServiceMeshMemberRoll>({
          model: ServiceMeshMemberRollModel,
          name: 'default',
          ns: seen.metadata?.namespace,
        });
        if (!sameMembers(roll.spec?.members, seen.spec?.members)) {
          throw new Error(
            t(
              'The ServiceMeshMemberRoll was changed meanwhile; it now lists {{members}}. Review the choice and save again.',
              { members: (roll.spec?.members ?? []).join(', ') || t('no namespace') },
            ),
          );
        }
        await patchResource({
          model: ServiceMeshMemberRollModel,
          resource: roll,
          ops: [
            {
              op: roll.spec?.members ? 'replace' : 'add',
              path: '/spec/members',
              value: [...selected].sort(),
            },
          ],
        });
      }
      setPicked(undefined);
      setModes({});
    });

  const restart = (namespace: string) =>
    run(async () => {
      const deployments = await k8sListItems<Deployment>({
        model: DeploymentModel,
        queryParams: { ns: namespace },
      });
      const now = new Date();
      for (const d of deployments) {
        await patchResource({
          model: DeploymentModel,
          resource: d,
          ops: restartPatch(d, now, { inject: state.major === 'ossm2' }),
        });
      }
      setRestarted((r) => ({ ...r, [namespace]: deployments.length }));
    });

  return (
    <Stack hasGutter>
      <StackItem>
        <Content component="p">
          {state.major === 'ossm3'
            ? t(
                'Enrolled namespaces get the istio-injection=enabled label (or istio.io/rev for a non-default revision).',
              )
            : t('Enrolled namespaces are listed in the ServiceMeshMemberRoll "default".')}{' '}
          {state.ambient &&
            `${t('In ambient, a namespace gets istio.io/dataplane-mode=ambient instead, and its pods join without a restart.')} `}
          {t(
            'Pods get their sidecar when they are created, so restart the workloads of each new member.',
          )}
          {scrapeMembers &&
            ` ${t('Each new member also gets the PodMonitor istio-proxies-monitor, so its sidecars are scraped.')}`}
        </Content>
      </StackItem>
      <StackItem>
        {candidates.length === 0 && (
          <Alert isInline variant="info" title={t('No application namespaces found.')} />
        )}
        {candidates.map((name) => (
          <Flex key={name} alignItems={{ default: 'alignItemsCenter' }}>
            <FlexItem>
              <Checkbox
                id={`member-${name}`}
                label={name}
                isChecked={selected.has(name)}
                isDisabled={readOnly}
                onChange={(_, checked) => {
                  const next = new Set(selected);
                  if (checked) next.add(name);
                  else next.delete(name);
                  setPicked(next);
                }}
              />
            </FlexItem>
            {state.ambient && selected.has(name) && (
              <FlexItem>
                <FormSelect
                  id={`mode-${name}`}
                  aria-label={t('Data plane of {{namespace}}', { namespace: name })}
                  value={modeOf(name)}
                  isDisabled={readOnly}
                  onChange={(_, v) => setModes((m) => ({ ...m, [name]: v as DataPlaneMode }))}
                  data-test={`mode-${name}`}
                >
                  <FormSelectOption value="sidecar" label={t('Sidecars')} />
                  <FormSelectOption value="ambient" label={t('Ambient (no restart)')} />
                </FormSelect>
              </FlexItem>
            )}
            {state.members.includes(name) && !state.readyMembers.includes(name) && (
              <FlexItem data-test={`pending-${name}`}>
                {t('Waiting for the operator to add {{namespace}} to the mesh…', {
                  namespace: name,
                })}
              </FlexItem>
            )}
            {state.ambientMembers.includes(name) && (
              <FlexItem data-test={`ambient-${name}`}>
                {t(
                  'In ambient: ztunnel carries its traffic, no restart needed (restart only pods that still have a sidecar).',
                )}
              </FlexItem>
            )}
            {state.readyMembers.includes(name) && (
              <FlexItem>
                <Button
                  variant="link"
                  isInline
                  onClick={() => restart(name)}
                  isDisabled={readOnly}
                  data-test={`restart-${name}`}
                >
                  {state.major === 'ossm3'
                    ? t('Restart workloads')
                    : t('Inject sidecars and restart')}
                </Button>
                {restarted[name] !== undefined && (
                  <span data-test={`restarted-${name}`}>
                    {' '}
                    {t('{{count}} deployments restarted', { count: restarted[name] })}
                  </span>
                )}
              </FlexItem>
            )}
          </Flex>
        ))}
      </StackItem>
      {error !== undefined && (
        <StackItem>
          <WriteErrorAlert error={error} />
        </StackItem>
      )}
      <StackItem>
        <Button
          variant="primary"
          onClick={save}
          isDisabled={readOnly || busy || !changed}
          isLoading={busy}
          data-test="save-members"
        >
          {t('Save members')}
        </Button>
      </StackItem>
    </Stack>
  );
};
