import { CodeEditor } from '@openshift-console/dynamic-plugin-sdk';
import { useState } from 'react';
import type { FC } from 'react';
import { objectsToYaml, yamlToObjects } from '../../mesh/forms/yamlObjects';
import type { Issue } from '../../mesh/issues';
import type { K8sResourceCommon } from '../../models';

export type YamlEditorProps = {
  /** What the form would write when the view opened: the text starts from these. */
  objects: K8sResourceCommon[];
  onYaml: (objects: K8sResourceCommon[]) => void;
  onIssues: (issues: Issue[]) => void;
};

/**
 * The objects' YAML in the console's editor; each edit is read back against the objects the view
 * opened with. Loaded on first use (it needs the YAML parser).
 */
const YamlEditorView: FC<YamlEditorProps> = ({ objects, onYaml, onIssues }) => {
  const [text, setText] = useState(() => objectsToYaml(objects));
  return (
    <div data-test="yaml-editor">
      <CodeEditor
        value={text}
        language="yaml"
        minHeight="30em"
        onChange={(value: string) => {
          setText(value);
          const read = yamlToObjects(value, objects);
          onIssues(read.issues);
          if (read.objects) onYaml(read.objects);
        }}
      />
    </div>
  );
};

export default YamlEditorView;
