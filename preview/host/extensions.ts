// The extension types the host renders, in the shapes console 4.22 documents.
import type { CodeRef, Extension } from '@openshift/dynamic-plugin-sdk';
import type { ComponentType } from 'react';

type Props<T extends Extension> = T['properties'];
const is =
  <T extends Extension>(type: string) =>
  (e: Extension): e is T =>
    e.type === type;

export type NavSection = Extension<
  'console.navigation/section',
  {
    id: string;
    name?: string;
    perspective?: string;
    insertAfter?: string | string[];
    insertBefore?: string | string[];
    dataAttributes?: Record<string, string>;
  }
>;
export type NavHref = Extension<
  'console.navigation/href',
  {
    id: string;
    name: string;
    href: string;
    section?: string;
    perspective?: string;
    namespaced?: boolean;
    prefixNamespaced?: boolean;
    dataAttributes?: Record<string, string>;
    startsWith?: string[];
  }
>;
export type PageRoute = Extension<
  'console.page/route',
  {
    path: string | string[];
    exact?: boolean;
    perspective?: string;
    component: CodeRef<ComponentType>;
  }
>;
export type HorizontalNavTab = Extension<
  'console.tab/horizontalNav',
  {
    model: { group?: string; version: string; kind: string };
    page: { name: string; href: string };
    component: CodeRef<ComponentType<{ obj?: unknown }>>;
  }
>;
export type ModelFlag = Extension<
  'console.flag/model',
  { flag: string; model: { group: string; version: string; kind: string } }
>;
export type HookFlagProvider = Extension<
  'console.flag/hookProvider',
  { handler: CodeRef<(setFlag: (flag: string, value: boolean) => void) => void> }
>;

export const isNavSection = is<NavSection>('console.navigation/section');
export const isNavHref = is<NavHref>('console.navigation/href');
export const isPageRoute = is<PageRoute>('console.page/route');
export const isHorizontalNavTab = is<HorizontalNavTab>('console.tab/horizontalNav');
export const isModelFlag = is<ModelFlag>('console.flag/model');
export const isHookFlagProvider = is<HookFlagProvider>('console.flag/hookProvider');

export type { Props };
