import { PageSection } from '@patternfly/react-core';
import type { FC, ReactNode } from 'react';

/**
 * The body of a tab the plugin adds to a console details page, padded as the console pads its
 * own tabs (console-shared PaneBody: a PageSection without body wrapper). The console renders a
 * plugin tab's component directly under the tab bar, with no padding of its own.
 */
export const TabBody: FC<{ children: ReactNode }> = ({ children }) => (
  <PageSection hasBodyWrapper={false}>{children}</PageSection>
);
