import { Spinner, Stack, StackItem, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { lazy, Suspense, useState } from 'react';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../mesh/issues';
import type { K8sResourceCommon } from '../models';

// The YAML view needs the YAML parser: fetched when a user first opens it, not with every form.
const YamlEditorView = lazy(
  () => import(/* webpackChunkName: "yaml-editor" */ './yaml/YamlEditorView'),
);

/**
 * A form's two views of the same objects: its fields, or the objects' YAML in the console's
 * editor. Entering the YAML view shows what the form would write; every change there is read
 * back (`onYaml`) and becomes what the form edits and plans from, so the diff, the checks, the
 * dry-run and the resourceVersion are the same whichever view made the change.
 */
export const FormOrYaml: FC<{
  /** What the form would write now, in write order. */
  objects: K8sResourceCommon[];
  /** The YAML's objects, each time they read well: the form edits these from now on. */
  onYaml: (objects: K8sResourceCommon[]) => void;
  /** What keeps the YAML from being read (none once it reads, or the form view is back). */
  onIssues: (issues: Issue[]) => void;
  /** The view changed: in the YAML view no field shows an issue, so the list must. */
  onView?: (view: 'form' | 'yaml') => void;
  /**
   * What the form is editing when a control outside the views chooses it (the circuit
   * breaker's level, the resilience form's rule): when it changes, the YAML shows the objects
   * anew instead of text written for the previous choice.
   */
  scope?: string;
  /** The form's fields; without them there is only the YAML view (an object no form edits). */
  children?: ReactNode;
}> = ({ objects, onYaml, onIssues, onView, scope, children }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  const yamlOnly = children === undefined;
  const [yaml, setYaml] = useState(yamlOnly);
  return (
    <Stack hasGutter>
      {!yamlOnly && (
        <StackItem>
          <ToggleGroup aria-label={t('Edit with')}>
            <ToggleGroupItem
              text={t('Form')}
              buttonId="view-form"
              data-test="view-form"
              isSelected={!yaml}
              onChange={() => {
                // The last YAML that read well stays what the form edits.
                setYaml(false);
                onIssues([]);
                onView?.('form');
              }}
            />
            <ToggleGroupItem
              text={t('YAML')}
              buttonId="view-yaml"
              data-test="view-yaml"
              isSelected={yaml}
              onChange={() => {
                if (yaml) return;
                setYaml(true);
                onView?.('yaml');
              }}
            />
          </ToggleGroup>
        </StackItem>
      )}
      <StackItem>
        {yaml ? (
          <Suspense fallback={<Spinner size="md" aria-label={t('Loading YAML')} />}>
            {/* A new scope starts the text anew from what the form now shows. */}
            <YamlEditorView key={scope} objects={objects} onYaml={onYaml} onIssues={onIssues} />
          </Suspense>
        ) : (
          children
        )}
      </StackItem>
    </Stack>
  );
};
