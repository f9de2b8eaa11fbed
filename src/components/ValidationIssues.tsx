import { Alert, StackItem } from '@patternfly/react-core';
import type { FC } from 'react';

/**
 * A problem found in an object: an error the API server would reject, or a warning (advice).
 * Traffic validation marks warnings with `severity`, security validation with `level`.
 */
export type Issue = { path: string; message: string; level?: 'warning'; severity?: string };

/**
 * What a form's validation found that is not shown on a field, one stack item each (render it
 * inside a Stack): the path in the object, then the message.
 */
export const ValidationIssues: FC<{ issues: Issue[] }> = ({ issues }) => (
  <>
    {issues.map((i) => (
      <StackItem key={`${i.path}${i.message}`}>
        <Alert
          isInline
          isPlain
          variant={i.level === 'warning' || i.severity === 'warning' ? 'warning' : 'danger'}
          title={i.path ? `${i.path}: ${i.message}` : i.message}
          data-test="validation-issue"
        />
      </StackItem>
    ))}
  </>
);
