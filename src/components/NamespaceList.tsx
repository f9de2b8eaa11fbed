import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { List, ListItem } from '@patternfly/react-core';
import type { FC } from 'react';
import { NamespaceModel, modelToGroupVersionKind } from '../models';

const namespaceGVK = modelToGroupVersionKind(NamespaceModel);

/** Namespace names as console links, or the given text when there are none. */
export const NamespaceList: FC<{ names: string[]; emptyText: string; dataTest?: string }> = ({
  names,
  emptyText,
  dataTest,
}) =>
  names.length === 0 ? (
    <span data-test={dataTest}>{emptyText}</span>
  ) : (
    <List isPlain data-test={dataTest}>
      {names.map((name) => (
        <ListItem key={name}>
          <ResourceLink groupVersionKind={namespaceGVK} name={name} />
        </ListItem>
      ))}
    </List>
  );
