import { DocumentTitle, useActiveNamespace } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  Button,
  Breadcrumb,
  BreadcrumbItem,
  Bullseye,
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  Icon,
  Label,
  PageSection,
  Spinner,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import {
  CheckCircleIcon,
  ExclamationCircleIcon,
  ExclamationTriangleIcon,
} from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DetailItem } from '../components/DetailItem';
import { formLabel } from '../components/formLabel';
import { FormOrYaml } from '../components/FormOrYaml';
import { anyIssueText } from '../components/issues/anyIssueText';
import { appliesToText } from '../components/issues/appliesToText';
import { ReviewAndApply } from '../components/ReviewAndApply';
import { errorMessage } from '../k8s/errors';
import { useEditForm } from '../k8s/useEditForm';
import { useKialiChecks } from '../k8s/useKialiChecks';
import { useMeshConfigObjects } from '../k8s/useMeshConfigObjects';
import type { ListedKind } from '../k8s/useMeshConfigObjects';
import { useRereadable } from '../k8s/useRereadable';
import { editableCopy, planConfigEdit } from '../mesh/config/configEdit';
import { describeAppliesTo } from '../mesh/config/describeAppliesTo';
import { fixFor } from '../mesh/config/fixes';
import { KIALI_CHECK, withKialiChecks } from '../mesh/config/kialiChecks';
import type { MeshConfigIndex } from '../mesh/config/meshConfigIndex';
import { objectKey } from '../mesh/config/meshConfigIndex';
import { ISTIO_CONFIG_PATH } from '../mesh/config/paths';
import { validateObject } from '../mesh/config/validateMeshConfig';
import { planEdits, removal } from '../mesh/forms/editPlan';
import { formPath } from '../mesh/forms/registry';
import { formatPath } from '../mesh/issues';
import type { Issue } from '../mesh/issues';
import { ServiceModel, apiVersionOf } from '../models';
import type { K8sResourceCommon } from '../models';
import { KialiChecksNote } from './KialiChecksNote';
import { kindLabel } from './kindLabel';

const ALL_NAMESPACES = '#ALL_NS#';
const NOTHING_TO_WRITE = planEdits([], []);
const NO_ISSUES: readonly Issue[] = [];

const SeverityIcon: FC<{ severity: Issue['severity'] }> = ({ severity }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return severity === 'error' ? (
    <Icon status="danger" isInline>
      <ExclamationCircleIcon title={t('Error')} />
    </Icon>
  ) : (
    <Icon status="warning" isInline>
      <ExclamationTriangleIcon title={t('Warning')} />
    </Icon>
  );
};

/** Each problem with where it is, what it does, Kiali's code for it and the form that fixes it. */
const ProblemTable: FC<{
  issues: readonly Issue[];
  obj: K8sResourceCommon;
  kind: ListedKind;
  index: MeshConfigIndex;
}> = ({ issues, obj, kind, index }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  if (!kind.validated) {
    return (
      <Content component="p" data-test="config-not-checked">
        {t('The plugin does not check {{kind}} objects; edit it below if you need to.', {
          kind: kindLabel(t, kind),
        })}
      </Content>
    );
  }
  if (!issues.length) {
    return (
      <Content component="p" data-test="config-no-problems">
        <Icon status="success" isInline>
          <CheckCircleIcon />
        </Icon>{' '}
        {t('No problems found.')}
      </Content>
    );
  }
  return (
    <Table aria-label={t('Problems')} variant="compact" data-test="config-problems">
      <Thead>
        <Tr>
          <Th screenReaderText={t('Severity')} />
          <Th>{t('Field')}</Th>
          <Th>{t('Problem')}</Th>
          <Th>{t('Kiali')}</Th>
          <Th screenReaderText={t('Fix')} />
        </Tr>
      </Thead>
      <Tbody>
        {issues.map((i) => {
          const fix = kind.validated ? fixFor(i, obj, kind.validated, index) : undefined;
          const kia = i.params?.kia;
          return (
            <Tr
              key={JSON.stringify([i.path, i.code, i.params])}
              data-test="config-problem"
              data-code={i.code}
              data-severity={i.severity}
            >
              <Td dataLabel={t('Severity')}>
                <SeverityIcon severity={i.severity} />
              </Td>
              <Td dataLabel={t('Field')}>
                <code>{formatPath(i.path) || '-'}</code>
              </Td>
              <Td dataLabel={t('Problem')}>
                {i.code === KIALI_CHECK ? (
                  // Kiali's own words: another system's text, marked as English and not ours
                  // to translate.
                  <span lang="en" translate="no" data-test="kiali-message">
                    {String(i.params?.message ?? '')}
                  </span>
                ) : (
                  anyIssueText(t, i)
                )}
              </Td>
              <Td dataLabel={t('Kiali')}>
                {kia ? (
                  <Label isCompact data-test="kia-code">
                    {t('Kiali: {{code}}', { code: String(kia) })}
                  </Label>
                ) : (
                  '-'
                )}
              </Td>
              <Td dataLabel={t('Fix')}>
                {fix && (
                  <Link to={formPath(fix.form, fix.target)} data-test={`fix-${fix.form}`}>
                    {t('Fix with {{form}}', { form: formLabel(t, fix.form) })}
                  </Link>
                )}
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};

/**
 * One object of the cluster's Istio configuration: its problems, each with the form that fixes it
 * where one does, and its YAML to fix anything else, written as the forms write (diff, server
 * dry-run, the version it was read at). Path: `/service-mesh/istio-config/ns/:ns/:type/:name`,
 * `type` being Kiali's name for the kind (`virtualservices`, `k8shttproutes`; see paths.ts).
 */
const IstioConfigDetailsPage: FC = () => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { ns = '', type = '', name = '' } = useParams();
  // Read as the list was (all namespaces or the object's), so both find the same problems and
  // the console shares their watches.
  const [activeNamespace] = useActiveNamespace();
  const data = useMeshConfigObjects(activeNamespace === ALL_NAMESPACES ? undefined : ns);
  const kind = data.kinds.find((k) => k.type === type);
  const model = kind?.model ?? ServiceModel;
  const watched = useMemo(
    () =>
      data.objects.find(
        (o) =>
          o.kind.type === type && o.obj.metadata?.name === name && o.obj.metadata?.namespace === ns,
      )?.obj,
    [data.objects, type, name, ns],
  );
  const { current, reread } = useRereadable(watched, model, ns);
  // List items may come without apiVersion and kind; the YAML and the write need them.
  const stored = useMemo(
    () => current && { apiVersion: apiVersionOf(model), kind: model.kind, ...current },
    [current, model],
  );
  const shown = useMemo(() => stored && editableCopy(stored), [stored]);
  const [edited, setEdited] = useState<K8sResourceCommon>();
  const [yamlIssues, setYamlIssues] = useState<Issue[]>([]);

  // "Remove" turns the plan into the object's deletion, reviewed and applied like an edit.
  const [removing, setRemoving] = useState(false);
  const navigate = useNavigate();
  const checkedAs = kind?.validated ?? kind?.kind ?? '';
  const plan =
    stored && shown
      ? removing
        ? planEdits([removal(stored, model)], [])
        : planConfigEdit(edited ?? shown, stored, checkedAs, data.index, {
            model,
            extra: yamlIssues,
          })
      : NOTHING_TO_WRITE;
  const form = useEditForm(plan, {
    reread,
    onApplied: () => {
      setEdited(undefined);
      // What was removed has no page any more: back to the list, where it is gone.
      if (removing) navigate(ISTIO_CONFIG_PATH);
    },
  });
  const kiali = useKialiChecks(
    activeNamespace === ALL_NAMESPACES ? undefined : ns,
    data.objects,
    data.loaded && data.istioInstalled,
  );
  const problems = useMemo(
    () =>
      current && kind?.validated
        ? withKialiChecks(
            validateObject(current, data.index, kind.validated),
            kiali.checks?.get(objectKey(kind.validated, current)),
          )
        : NO_ISSUES,
    [current, kind, data.index, kiali.checks],
  );

  const kindText = kind ? kindLabel(t, kind) : type;
  const title = t('{{kind}} {{name}}', { kind: kindText, name });
  let body: ReactNode;
  if (!kind) {
    body = (
      <Alert isInline variant="danger" title={t('Unknown kind {{type}}', { type })}>
        <Link to={ISTIO_CONFIG_PATH}>{t('Back to the Istio configuration')}</Link>
      </Alert>
    );
  } else if (data.error) {
    body = (
      <Alert isInline variant="danger" title={t('The Istio configuration could not be read')}>
        {errorMessage(data.error)}
      </Alert>
    );
  } else if (!data.loaded) {
    body = (
      <Bullseye>
        <Spinner aria-label={t('Loading the Istio configuration')} />
      </Bullseye>
    );
  } else if (!stored || !shown || !current) {
    body = (
      <Alert
        isInline
        variant="danger"
        title={t('{{kind}} {{name}} not found in namespace {{namespace}}', {
          kind: kindText,
          name,
          namespace: ns,
        })}
        data-test="config-not-found"
      >
        <Link to={ISTIO_CONFIG_PATH}>{t('Back to the Istio configuration')}</Link>
      </Alert>
    );
  } else {
    const applies = appliesToText(
      t,
      describeAppliesTo(
        current,
        data.rootNamespace,
        type === 'k8sgateways' ? 'K8sGateway' : kind.kind,
      ),
    );
    body = (
      <Stack hasGutter>
        <StackItem>
          <DescriptionList isHorizontal isCompact>
            <DetailItem term={t('Namespace')}>{ns}</DetailItem>
            <DetailItem term={t('Applies to')}>
              <span data-test="config-applies-to">{applies || '-'}</span>
            </DetailItem>
          </DescriptionList>
        </StackItem>
        <StackItem>
          <Card>
            <CardTitle>{t('Problems')}</CardTitle>
            <CardBody>
              <Stack hasGutter>
                <StackItem>
                  <ProblemTable issues={problems} obj={current} kind={kind} index={data.index} />
                </StackItem>
                {kind.validated && (
                  <StackItem>
                    <KialiChecksNote kiali={kiali} />
                  </StackItem>
                )}
              </Stack>
            </CardBody>
          </Card>
        </StackItem>
        <StackItem>
          <Card>
            <CardTitle>{t('YAML')}</CardTitle>
            <CardBody>
              <Stack hasGutter>
                <StackItem>
                  {removing ? (
                    <Alert
                      isInline
                      variant="warning"
                      title={t('Removing {{kind}} {{name}}', { kind: kindText, name })}
                      data-test="removing-object"
                      actionLinks={
                        <Button
                          variant="link"
                          isInline
                          data-test="keep-object"
                          onClick={() => setRemoving(false)}
                        >
                          {t('Keep it')}
                        </Button>
                      }
                    >
                      {t(
                        'Apply deletes the whole object; what it configured goes back to the mesh defaults. The diff below shows everything that goes.',
                      )}
                    </Alert>
                  ) : (
                    <Button
                      variant="secondary"
                      isDanger
                      data-test="remove-object"
                      onClick={() => setRemoving(true)}
                    >
                      {t('Remove {{kind}}', { kind: kindText })}
                    </Button>
                  )}
                </StackItem>
                <StackItem hidden={removing}>
                  <FormOrYaml
                    objects={[shown]}
                    // Until the user edits, the YAML follows the cluster's version.
                    scope={edited ? 'edited' : current.metadata?.resourceVersion}
                    onYaml={([obj]) => setEdited(obj)}
                    onIssues={setYamlIssues}
                  />
                </StackItem>
                <StackItem>
                  <ReviewAndApply
                    issueText={anyIssueText}
                    // Unedited, its problems are the table's above: listed once (what keeps
                    // the YAML from being read is still said here).
                    plan={plan.unchanged ? { ...plan, issues: yamlIssues } : plan}
                    form={form}
                    view="yaml"
                    claimed={[]}
                    objects={[
                      {
                        id: 'istio-config-object',
                        title,
                        before: stored,
                        after: removing ? undefined : (plan.edits[0]?.after ?? stored),
                      },
                    ]}
                    yamlId="istio-config-object"
                  />
                </StackItem>
              </Stack>
            </CardBody>
          </Card>
        </StackItem>
      </Stack>
    );
  }

  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <PageSection>
        <Breadcrumb>
          <BreadcrumbItem
            render={({ className }) => (
              <Link
                className={className}
                to={ISTIO_CONFIG_PATH}
                data-test="breadcrumb-istio-config"
              >
                {t('Istio config')}
              </Link>
            )}
          />
          <BreadcrumbItem isActive>{title}</BreadcrumbItem>
        </Breadcrumb>
        <Title headingLevel="h1">{title}</Title>
      </PageSection>
      <PageSection>{body}</PageSection>
    </>
  );
};

export default IstioConfigDetailsPage;
