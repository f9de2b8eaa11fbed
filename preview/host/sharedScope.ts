// The webpack share scope as console 4.22 fills it: the console's own singletons, each at the
// console's version, marked as provided by 'openshift-console'. A plugin built with
// ConsoleRemotePlugin consumes these instead of bundling its own copies.
import * as SDK from '@openshift-console/dynamic-plugin-sdk';
import * as Topology from '@patternfly/react-topology';
import * as React from 'react';
import * as ReactI18next from 'react-i18next';
import * as ReactRedux from 'react-redux';
import * as ReactRouter from 'react-router';
import * as Redux from 'redux';
import * as ReduxThunk from 'redux-thunk';

declare const __SHARED_VERSIONS__: Record<string, string>;

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
  '@openshift-console/dynamic-plugin-sdk-internal': '@openshift-console/dynamic-plugin-sdk',
};

export const createShareScope = (): ShareScope =>
  Object.fromEntries(
    Object.entries(MODULES).map(([name, mod]) => [
      name,
      {
        [__SHARED_VERSIONS__[VERSION_OF[name] ?? name]]: {
          get: () => Promise.resolve(() => mod),
          loaded: 1,
          from: 'openshift-console',
          eager: true,
        },
      },
    ]),
  );
