// The redux store the console SDK's hooks read: `k8s` (discovered models + one entry per watch,
// in the shapes the SDK's selectors expect), `sdkCore` (user, impersonation) and `FLAGS`.
// The published SDK ships the k8s actions and selectors but not the reducer; this is ours.
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { Map as ImmutableMap } from 'immutable';
import { applyMiddleware, combineReducers, createStore } from 'redux';
import type { Reducer } from 'redux';
import { thunk } from 'redux-thunk';
import { consoleModelKey, referenceOf } from './consoleModelKeys';

type K8sObject = {
  metadata?: { uid?: string; name?: string; namespace?: string; resourceVersion?: string };
};
type Action = { type: string; payload?: Record<string, unknown> };

const keyOf = (o: K8sObject) =>
  o.metadata?.uid ?? `${o.metadata?.namespace ?? ''}~${o.metadata?.name ?? ''}`;

const rv = (o: K8sObject) => Number(o.metadata?.resourceVersion ?? 0);

/** Keeps the newer of two copies, so a late list page never overwrites a watch event. */
const newer = (current: K8sObject | undefined, next: K8sObject) =>
  current && rv(current) > rv(next) ? current : next;

const listToMap = (items: K8sObject[]) =>
  ImmutableMap<string, K8sObject>().withMutations((m) => {
    items.forEach((o) => m.set(keyOf(o), o));
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K8sState = ImmutableMap<string, any>;

const initialK8s: K8sState = ImmutableMap({
  RESOURCES: ImmutableMap({
    models: ImmutableMap<string, K8sModel>(),
    inFlight: false,
    loaded: false,
  }),
});

export const k8sReducer: Reducer<K8sState, Action> = (state = initialK8s, action) => {
  const p = action.payload ?? {};
  const id = p.id as string;
  switch (action.type) {
    case 'getResourcesInFlight':
      return state.setIn(['RESOURCES', 'inFlight'], true);
    case 'resources': {
      // As the console's reducer: models are only ever added (a kind whose CRD was deleted stays
      // known until the page is reloaded), each under the key the console uses for it.
      const resources = p.resources as { models: K8sModel[] };
      const current = state.getIn(['RESOURCES', 'models']) as ImmutableMap<string, K8sModel>;
      const models = current.withMutations((m) => {
        resources.models.forEach((model) => {
          const key = consoleModelKey(model);
          if (!m.has(key)) m.set(key, model);
        });
      });
      return state
        .setIn(['RESOURCES', 'models'], models)
        .setIn(['RESOURCES', 'inFlight'], false)
        .setIn(['RESOURCES', 'loaded'], true);
    }
    case 'startWatchK8sObject':
      return state.set(id, ImmutableMap({ loaded: false, loadError: '', data: undefined }));
    case 'startWatchK8sList':
      return state.set(
        id,
        ImmutableMap({ loaded: false, loadError: '', data: ImmutableMap(), query: p.query }),
      );
    case 'stopWatchK8s':
      return state.delete(id);
    case 'loaded': {
      if (!state.has(id)) return state;
      return state
        .setIn([id, 'data'], listToMap(p.k8sObjects as K8sObject[]))
        .setIn([id, 'loaded'], true)
        .setIn([id, 'loadError'], '');
    }
    case 'bulkAddToList': {
      if (!state.has(id)) return state;
      const data = (state.getIn([id, 'data']) as ImmutableMap<string, K8sObject>).withMutations(
        (m) => {
          (p.k8sObjects as K8sObject[]).forEach((o) => m.set(keyOf(o), newer(m.get(keyOf(o)), o)));
        },
      );
      return state.setIn([id, 'data'], data);
    }
    case 'updateListFromWS': {
      if (!state.has(id)) return state;
      const events = p.k8sObjects as { type: string; object: K8sObject }[];
      const data = (state.getIn([id, 'data']) as ImmutableMap<string, K8sObject>).withMutations(
        (m) => {
          events.forEach(({ type, object }) => {
            if (type === 'DELETED') m.delete(keyOf(object));
            else if (type === 'ADDED' || type === 'MODIFIED')
              m.set(keyOf(object), newer(m.get(keyOf(object)), object));
          });
        },
      );
      return state.setIn([id, 'data'], data).setIn([id, 'loaded'], true);
    }
    case 'modifyObject': {
      if (!state.has(id)) return state;
      return state
        .setIn([id, 'data'], ImmutableMap(p.k8sObjects as Record<string, unknown>))
        .setIn([id, 'loaded'], true)
        .setIn([id, 'loadError'], '');
    }
    case 'errored':
      if (!state.has(id)) return state;
      return state.setIn([id, 'loadError'], p.k8sObjects).setIn([id, 'loaded'], false);
    default:
      return state;
  }
};

export const referenceFor = referenceOf;

type SdkCore = { user?: { username: string }; impersonate?: undefined };
const sdkCoreReducer: Reducer<SdkCore, Action> = (state = {}, action) =>
  action.type === 'setUser' ? { ...state, user: action.payload as SdkCore['user'] } : state;

const flagsReducer: Reducer<ImmutableMap<string, boolean>, Action> = (
  state = ImmutableMap(),
  action,
) =>
  action.type === 'setFlag'
    ? state.set(action.payload?.flag as string, action.payload?.value as boolean)
    : state;

export const setFlag = (flag: string, value: boolean): Action => ({
  type: 'setFlag',
  payload: { flag, value },
});

export const createConsoleStore = () =>
  createStore(
    combineReducers({ k8s: k8sReducer, sdkCore: sdkCoreReducer, FLAGS: flagsReducer }),
    applyMiddleware(thunk),
  );

export type ConsoleStore = ReturnType<typeof createConsoleStore>;
