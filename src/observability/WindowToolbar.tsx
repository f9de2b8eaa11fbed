import {
  Button,
  FormSelect,
  FormSelectOption,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { ExternalLinkAltIcon, SyncAltIcon } from '@patternfly/react-icons';
import type { FC, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DURATION_OPTIONS } from '../mesh/observability/durations';
import type { UiLink } from '../mesh/observability/links';

/** "Open in Kiali" and friends: other tools, each in a new tab. */
export const ExternalLink: FC<{ link: UiLink; children: string; dataTest?: string }> = ({
  link,
  children,
  dataTest,
}) =>
  link.external ? (
    <Button
      variant="link"
      component="a"
      href={link.href}
      target="_blank"
      rel="noopener noreferrer"
      icon={<ExternalLinkAltIcon />}
      iconPosition="end"
      data-test={dataTest}
    >
      {children}
    </Button>
  ) : (
    <Button variant="link" component="a" href={link.href} data-test={dataTest}>
      {children}
    </Button>
  );

/** The time window, a refresh, and links out: the top of both mesh tabs. */
export const WindowToolbar: FC<{
  durationSeconds: number;
  onDuration: (seconds: number) => void;
  onRefresh: () => void;
  loading: boolean;
  children?: ReactNode;
  links?: ReactNode;
}> = ({ durationSeconds, onDuration, onRefresh, loading, children, links }) => {
  const { t } = useTranslation('plugin__mesh-console-plugin');
  return (
    <Toolbar>
      <ToolbarContent>
        <ToolbarGroup>
          <ToolbarItem>
            <FormSelect
              value={durationSeconds}
              onChange={(_, v) => onDuration(Number(v))}
              aria-label={t('Time window')}
              data-test="duration"
            >
              {DURATION_OPTIONS.map((o) => (
                <FormSelectOption
                  key={o.seconds}
                  value={o.seconds}
                  label={t('Last {{duration}}', { duration: o.label })}
                />
              ))}
            </FormSelect>
          </ToolbarItem>
          {children}
          <ToolbarItem>
            <Button
              variant="plain"
              aria-label={t('Refresh')}
              onClick={onRefresh}
              data-test="refresh"
              icon={<SyncAltIcon />}
            />
          </ToolbarItem>
          {loading && (
            <ToolbarItem alignSelf="center">
              <Spinner size="md" aria-label={t('Loading')} />
            </ToolbarItem>
          )}
        </ToolbarGroup>
        {links && <ToolbarGroup align={{ default: 'alignEnd' }}>{links}</ToolbarGroup>}
      </ToolbarContent>
    </Toolbar>
  );
};
