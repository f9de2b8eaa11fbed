import { Alert, Button, Content, HelperText, HelperTextItem } from '@patternfly/react-core';
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import type { SplitRemoval } from '../mesh/traffic/removeSplit';

/**
 * The split form's way out: "Remove split" turns the plan into the removal (reviewed and applied
 * below like any plan), and "Keep the split" turns it back. Says what the removal leaves: the
 * VirtualService's other rules, or nothing (it is deleted), and the DestinationRule's subsets,
 * which stay because nothing marks them as the form's.
 */
export const RemoveSplit: FC<{
  removing: boolean;
  /** What the removal does; `unusedSubsets` only for a VirtualService over subsets. */
  removal: { kind: SplitRemoval['kind']; unusedSubsets?: string[] };
  /** The route's kind and name, as the user reads it ("VirtualService reviews"). */
  routeObject: string;
  destinationRule?: string;
  service: string;
  onRemove: () => void;
  onKeep: () => void;
}> = ({ removing, removal, routeObject, destinationRule, service, onRemove, onKeep }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  if (removal.kind === 'none') return null;
  if (!removing) {
    return (
      <>
        <Button variant="secondary" isDanger data-test="remove-split" onClick={onRemove}>
          {t('Remove split')}
        </Button>
        <HelperText>
          <HelperTextItem>
            {t(
              'Takes the weights out of the default route; rules with matches and hand-written settings stay.',
            )}
          </HelperTextItem>
        </HelperText>
      </>
    );
  }
  return (
    <Alert
      isInline
      variant="info"
      title={t('Removing the split')}
      data-test="removing-split"
      actionLinks={
        <Button variant="link" isInline data-test="keep-split" onClick={onKeep}>
          {t('Keep the split')}
        </Button>
      }
    >
      <Content component="p">
        {removal.kind === 'delete'
          ? t(
              '{{route}} holds nothing but the split, so it will be deleted: requests to {{service}} reach all of its versions, as without routing.',
              { route: routeObject, service },
            )
          : t(
              'The rules with matches and the settings of {{route}} stay; requests that match no rule reach all versions of {{service}}, as without routing.',
              { route: routeObject, service },
            )}
      </Content>
      {removal.unusedSubsets?.length ? (
        <Content component="p" data-test="unused-subsets">
          {t(
            'DestinationRule {{name}} keeps its subsets {{subsets}}: nothing marks them as written by this form. Delete them by hand if no other route uses them.',
            { name: destinationRule, subsets: removal.unusedSubsets.join(', ') },
          )}
        </Content>
      ) : null}
    </Alert>
  );
};
