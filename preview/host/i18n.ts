// i18next as the console configures it: keys are English text, '~' separates the namespace,
// catalogues come from the console server's /locales/resource.json (the plugin's files).
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
      keySeparator: false,
      interpolation: { escapeValue: false },
      backend: {
        loadPath: `${window.SERVER_FLAGS.basePath}locales/resource.json?lng={{lng}}&ns={{ns}}`,
      },
      react: { useSuspense: true },
    });

export default i18n;
