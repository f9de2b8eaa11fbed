// Extracts every t('…') key from src/ and every %plugin__mesh-console-plugin~…% label from
// console-extensions.json into locales/en/plugin__mesh-console-plugin.json (keys are English).
const NAMESPACE = 'plugin__mesh-console-plugin';

/** Lexer for console-extensions.json: finds "%<namespace>~<key>%" strings. */
class ConsoleExtensionsLexer {
  constructor() {
    this.pattern = new RegExp(`%${NAMESPACE}~([^%]+)%`, 'g');
  }
  on() {}
  extract(content) {
    return [...content.matchAll(this.pattern)].map((m) => ({ key: m[1], namespace: NAMESPACE }));
  }
}

module.exports = {
  input: ['src/**/*.{ts,tsx}', 'console-extensions.json', '!src/**/*.test.{ts,tsx}'],
  output: 'locales/$LOCALE/$NAMESPACE.json',
  locales: ['en'],
  defaultNamespace: NAMESPACE,
  namespaceSeparator: '~',
  keySeparator: false,
  reactNamespace: false,
  sort: true,
  createOldCatalogs: false,
  keepRemoved: false,
  failOnWarnings: true,
  useKeysAsDefaultValue: true,
  lexers: {
    ts: ['JavascriptLexer'],
    tsx: ['JsxLexer'],
    json: [ConsoleExtensionsLexer],
    default: ['JavascriptLexer'],
  },
};
