import { Alert, Button, Stack, StackItem } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditForm } from '../k8s/useEditForm';
import type { EditPlan } from '../mesh/forms/editPlan';
import { formatPath, unclaimed } from '../mesh/issues';
import type { Issue, IssuePath } from '../mesh/issues';
import type { IssueText } from './issues/issueText';
import { WriteErrorAlert } from './WriteErrorAlert';
import { ObjectDiff } from './yaml/ObjectDiff';
import { YamlPreview } from './yaml/YamlPreview';

/** Issues no field shows, one alert each: the object and path, then what is wrong. */
export const IssueList: FC<{ issues: Issue[]; issueText: IssueText }> = ({ issues, issueText }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <>
      {issues.map((i) => {
        const where = [i.object, formatPath(i.path)].filter(Boolean).join(' ');
        const text = issueText(t, i);
        return (
          <StackItem key={JSON.stringify([i.object, i.path, i.code, i.params])}>
            <Alert
              isInline
              isPlain
              variant={i.severity === 'warning' ? 'warning' : 'danger'}
              title={where ? `${where}: ${text}` : text}
              data-test="validation-issue"
            />
          </StackItem>
        );
      })}
    </>
  );
};

/**
 * The end of every edit form: what is wrong that no field shows, each object's diff, its YAML to
 * copy, and Apply, held back (with the reason) while the plan is blocked, unchanged, or the user
 * may not write one of its objects. A conflict is a diff to review again, not a failure.
 */
export const ReviewAndApply: FC<{
  plan: EditPlan;
  form: EditForm;
  /**
   * Which view the user edits in. The form's fields show their own issues, so only the rest are
   * listed here; the YAML view has no fields, so everything is.
   */
  view: 'form' | 'yaml';
  /** The words for the issues of the page's domain. */
  issueText: IssueText;
  /** The issues (or just the places) the form's fields show. */
  claimed: readonly { object?: string; path: IssuePath }[];
  /**
   * Every object the form proposes, changed or not, in write order (for the diffs); `after`
   * undefined for one the plan deletes.
   */
  objects: { id: string; title: string; before?: unknown; after: unknown }[];
  yamlId: string;
}> = ({ plan, form, view, issueText, claimed, objects, yamlId }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const { access } = form;
  // The plan's own findings and what the API server said at dry-run or write.
  const all = [...plan.issues, ...form.serverIssues];
  const issues = view === 'yaml' ? all : unclaimed(all, claimed);
  return (
    <Stack hasGutter>
      <IssueList issues={issues} issueText={issueText} />
      {objects.map((o) => (
        <StackItem key={o.id}>
          <ObjectDiff id={o.id} title={o.title} before={o.before} after={o.after} />
        </StackItem>
      ))}
      <StackItem>
        <YamlPreview
          objects={objects.flatMap((o) => (o.after === undefined ? [] : [o.after]))}
          id={yamlId}
          toggleText={t('YAML of the resulting objects (for GitOps)')}
        />
      </StackItem>
      {form.conflict && (
        <StackItem>
          <Alert
            isInline
            variant="warning"
            title={t('Changed since you opened it')}
            data-test="conflict"
          >
            {t(
              'Someone changed these objects meanwhile. The diff above now starts from their version; review it and apply again.',
            )}
          </Alert>
        </StackItem>
      )}
      {form.error !== undefined && !form.conflict && (
        <StackItem>
          <WriteErrorAlert error={form.error} />
        </StackItem>
      )}
      {access.denied.length > 0 && !plan.unchanged && (
        <StackItem>
          <Alert
            isInline
            isPlain
            variant="info"
            title={t('You may not apply this')}
            data-test="apply-denied"
          >
            {access.denied
              .map((d) =>
                t('You do not have permission to {{verb}} {{kind}} {{name}}.', {
                  verb: d.verb,
                  kind: d.kind,
                  name: d.namespace ? `${d.namespace}/${d.name}` : d.name,
                }),
              )
              .join(' ')}{' '}
            {t('Copy the YAML above for someone who may, or ask a cluster administrator.')}
          </Alert>
        </StackItem>
      )}
      <StackItem>
        <Button
          variant="primary"
          onClick={() => void form.apply()}
          isDisabled={!form.canApply}
          isLoading={form.busy}
          data-test="apply"
        >
          {t('Apply')}
        </Button>
      </StackItem>
    </Stack>
  );
};
