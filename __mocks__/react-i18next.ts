// Keys are the English text; interpolate {{values}} the way i18next would, so tests read
// exactly what a user of the English console reads.
const interpolate = (key: string, values?: Record<string, unknown>) =>
  key.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(values?.[name] ?? ''));

export const useTranslation = () => ({
  t: interpolate,
  i18n: { language: 'en', changeLanguage: () => Promise.resolve() },
});

export const Trans = ({ children }: { children?: unknown }) => children;
