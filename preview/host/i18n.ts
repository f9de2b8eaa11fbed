// i18next as the console configures it (frontend/public/i18n.js): keys are English text, '~'
// separates the namespace and the context, catalogues come from the console server's
// /locales/resource.json (the plugin's files), and a missing key is a console error.
import i18n from 'i18next';
import HttpBackend from 'i18next-http-backend';
import { initReactI18next } from 'react-i18next';

export const initI18n = (namespaces: string[]) =>
  i18n
    .use(HttpBackend)
    .use(initReactI18next)
    .init({
      lng: 'en',
      fallbackLng: 'en',
      ns: ['public', ...namespaces],
      defaultNS: 'public',
      nsSeparator: '~',
      contextSeparator: '~',
      keySeparator: false,
      saveMissing: true,
      missingKeyHandler: (lng, ns, key) =>
        console.error(`Missing i18n key "${key}" in namespace "${ns}" and language "${lng}".`),
      interpolation: { escapeValue: false },
      backend: {
        loadPath: `${window.SERVER_FLAGS.basePath}locales/resource.json?lng={{lng}}&ns={{ns}}`,
      },
      react: { useSuspense: true },
    });

export default i18n;
