import type { CodeRef } from '@openshift/dynamic-plugin-sdk';
import { lazy } from 'react';
import type { ComponentType } from 'react';

// Like the console, a route's module (and its chunks) is fetched only when the route is opened.
const lazyPages = new WeakMap<CodeRef<ComponentType>, ComponentType>();
export const lazyPage = (ref: CodeRef<ComponentType>): ComponentType => {
  let page = lazyPages.get(ref);
  if (!page) {
    page = lazy(async () => ({ default: await ref() }));
    lazyPages.set(ref, page);
  }
  return page;
};
