// The webpack share scope as console 4.22 fills it: the console's own singletons and the
// PatternFly modules it shares, each at the version the console registers (the SDK as
// 0.0.0-fixed), marked as provided by 'openshift-console'. A plugin built with
// ConsoleRemotePlugin consumes these instead of its own copies; what is not here, its fallback
// copy provides, as in the console.
import * as SDK from '@openshift-console/dynamic-plugin-sdk';
import * as Topology from '@patternfly/react-topology';
import PATTERNFLY from 'preview-host-patternfly';
import * as React from 'react';
import * as ReactI18next from 'react-i18next';
import * as ReactRedux from 'react-redux';
import * as ReactRouter from 'react-router';
import * as Redux from 'redux';
import * as ReduxThunk from 'redux-thunk';

declare const __CONSOLE_SHARED__: Record<string, string[]>;

type ShareEntry = { get: () => Promise<() => unknown>; loaded: 1; from: string; eager: boolean };
export type ShareScope = Record<string, Record<string, ShareEntry>>;

const MODULES: Record<string, unknown> = {
  react: React,
  'react-router': ReactRouter,
  // The console aliases the deprecated router packages to react-router 7.
  'react-router-dom': ReactRouter,
  'react-router-dom-v5-compat': ReactRouter,
  'react-i18next': ReactI18next,
  redux: Redux,
  'react-redux': ReactRedux,
  'redux-thunk': ReduxThunk,
  '@openshift-console/dynamic-plugin-sdk': SDK,
  '@openshift-console/dynamic-plugin-sdk-internal': SDK,
  // The console's own topology views use it, so it shares its copy (4.22: 6.4.0).
  '@patternfly/react-topology': Topology,
};

const VERSION_OF: Record<string, string> = {
  'react-router-dom': 'react-router',
  'react-router-dom-v5-compat': 'react-router',
};

// redux is registered twice by the console (4.0.4 and 5.0.1); the plugin needs the 5.x one.
const versionOf = (name: string) => {
  const versions = __CONSOLE_SHARED__[VERSION_OF[name] ?? name] ?? [];
  return versions[versions.length - 1];
};

const entry = (get: () => Promise<unknown>): ShareEntry => ({
  get: () => get().then((mod) => () => mod),
  loaded: 1,
  from: 'openshift-console',
  eager: true,
});

export const createShareScope = (): ShareScope => ({
  ...Object.fromEntries(
    Object.entries(MODULES).map(([name, mod]) => [
      name,
      { [versionOf(name)]: entry(() => Promise.resolve(mod)) },
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(PATTERNFLY as Record<string, [string, () => Promise<unknown>]>).map(
      ([name, [version, load]]) => [name, { [version]: entry(load) }],
    ),
  ),
});
