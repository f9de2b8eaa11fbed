import { Card, CardBody, CardTitle, PageSection, Stack, StackItem } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { FormOrYaml } from '../components/FormOrYaml';
import { trafficIssueText } from '../components/issues/trafficIssueWords';
import { ReviewAndApply } from '../components/ReviewAndApply';
import { useEditForm } from '../k8s/useEditForm';
import { withIssues } from '../mesh/forms/editPlan';
import {
  planSplit,
  planSplitRemoval,
  readSplitWeights,
  weightFieldIssues,
} from '../mesh/forms/trafficSplitForm';
import type { SplitContext, SplitObjects } from '../mesh/forms/trafficSplitForm';
import type { Issue } from '../mesh/issues';
import type { DestinationRule, VirtualService } from '../models';
import { CanaryCard } from './CanaryCard';
import { RemoveSplit } from './RemoveSplit';
import { SplitWeightsCard } from './SplitWeightsCard';
import type { useServiceRouting } from './useServiceRouting';

/**
 * The split written as a VirtualService route over DestinationRule subsets (sidecars, or a
 * waypoint's experimental VirtualService support).
 */
export const VirtualServiceSplit: FC<{
  ns: string;
  name: string;
  routing: ReturnType<typeof useServiceRouting>;
}> = ({ ns, name, routing }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { data, vs, dr, proposal, reread } = routing;
  const subsetNames = proposal.subsets.map((s) => s.name);
  // What the form edits: the stored objects, or the last YAML the user wrote that read well.
  const [yamlBase, setYamlBase] = useState<SplitObjects>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);
  const [view, setView] = useState<'form' | 'yaml'>('form');
  const base = useMemo(() => yamlBase ?? { vs, dr }, [yamlBase, vs, dr]);
  const current = useMemo(() => readSplitWeights({ vs, dr }), [vs, dr]);
  const baseWeights = useMemo(() => readSplitWeights(base), [base]);
  const [edited, setEdited] = useState<Record<string, number>>();
  const weights =
    edited ??
    (Object.keys(baseWeights).length
      ? baseWeights
      : subsetNames[0]
        ? { [subsetNames[0]]: 100 }
        : {});
  const splitContext: SplitContext = {
    namespace: ns,
    host: name,
    version: data.version,
    subsets: proposal.subsets,
    stored: { vs, dr },
  };
  const split = planSplit(weights, base, splitContext);
  // "Remove split" plans from the cluster's objects, whatever the form or YAML holds meanwhile;
  // while it is reviewed, the form stays as the user left it, hidden, for "Keep the split".
  const unsplit = planSplitRemoval({ vs, dr }, splitContext);
  const [removing, setRemoving] = useState(false);
  const writePlan = removing ? unsplit.plan : withIssues(split.plan, yamlIssues);
  const form = useEditForm(writePlan, {
    reread,
    onApplied: () => {
      setEdited(undefined);
      setYamlBase(undefined);
      setRemoving(false);
    },
  });

  const issues = [...writePlan.issues, ...form.serverIssues];
  const yamlObjects = [split.dr ?? base.dr, split.vs ?? base.vs].filter(
    (o): o is DestinationRule | VirtualService => o !== undefined,
  );
  const weightIssues = (subset: string) => weightFieldIssues(issues, split.vs, subset);
  const reviewObjects = removing
    ? [
        {
          id: 'destinationrule',
          title: t('DestinationRule {{name}}', { name: dr?.metadata?.name }),
          before: dr,
          after: dr,
        },
        {
          id: 'virtualservice',
          title: t('VirtualService {{name}}', { name: vs?.metadata?.name }),
          before: vs,
          // Undefined when the VirtualService is deleted: its diff shows every line going.
          after: unsplit.vs,
        },
      ].filter((o) => o.before !== undefined)
    : [
        {
          id: 'destinationrule',
          title: t('DestinationRule {{name}}', { name: split.dr?.metadata?.name }),
          before: dr,
          after: split.dr ?? dr,
        },
        {
          id: 'virtualservice',
          title: t('VirtualService {{name}}', { name: split.vs?.metadata?.name }),
          before: vs,
          after: split.vs ?? vs,
        },
      ].filter((o) => o.after !== undefined);

  return (
    <>
      <PageSection>
        <Stack hasGutter>
          <StackItem hidden={removing}>
            <FormOrYaml
              objects={yamlObjects}
              onYaml={(objects) => {
                setYamlBase({
                  dr: objects.find((o) => o.kind === 'DestinationRule') as DestinationRule,
                  vs: objects.find((o) => o.kind === 'VirtualService') as VirtualService,
                });
                setEdited(undefined);
              }}
              onIssues={setYamlIssues}
              onView={setView}
            >
              <Stack hasGutter>
                <StackItem>
                  <SplitWeightsCard
                    versions={proposal.subsets}
                    weights={weights}
                    warnings={proposal.warnings}
                    issuesOf={weightIssues}
                    onWeights={setEdited}
                  />
                </StackItem>
                <StackItem>
                  <CanaryCard
                    namespace={ns}
                    service={name}
                    names={subsetNames}
                    // The live subset: what the cluster's metrics were labelled by.
                    labelsOf={(n) => dr?.spec?.subsets?.find((x) => x.name === n)?.labels}
                    storedWeights={current}
                    weights={weights}
                    onWeights={setEdited}
                  />
                </StackItem>
              </Stack>
            </FormOrYaml>
          </StackItem>
          <StackItem>
            <RemoveSplit
              removing={removing}
              removal={unsplit.removal}
              routeObject={t('VirtualService {{name}}', { name: vs?.metadata?.name ?? '' })}
              destinationRule={dr?.metadata?.name ?? ''}
              service={name}
              onRemove={() => setRemoving(true)}
              onKeep={() => setRemoving(false)}
            />
          </StackItem>
          <StackItem>
            <Card>
              <CardTitle>{t('Review')}</CardTitle>
              <CardBody>
                <ReviewAndApply
                  issueText={trafficIssueText}
                  plan={writePlan}
                  form={form}
                  view={removing ? 'yaml' : view}
                  claimed={issues.filter((x) =>
                    subsetNames.some((n) => weightIssues(n).includes(x)),
                  )}
                  objects={reviewObjects}
                  yamlId="traffic-split"
                />
              </CardBody>
            </Card>
          </StackItem>
        </Stack>
      </PageSection>
    </>
  );
};
