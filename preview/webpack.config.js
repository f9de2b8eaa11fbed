// Builds the preview console host (not the plugin). It bundles what the real console provides:
// React, react-router, react-redux, i18next and the console SDK, with every `@console/*`
// module the SDK requires routed to the host's implementations.
const fs = require('fs');
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const webpack = require('webpack');

const root = path.resolve(__dirname, '..');
const versionOf = (pkg) =>
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

const SHARED = [
  'react',
  'react-router',
  'react-i18next',
  'redux',
  'react-redux',
  'redux-thunk',
  '@openshift-console/dynamic-plugin-sdk',
  '@patternfly/react-topology',
];

/** @type {import('webpack').Configuration} */
module.exports = {
  mode: 'production',
  context: __dirname,
  entry: { host: './host/index.tsx' },
  output: {
    path: path.join(root, '.cache', 'preview-host'),
    filename: '[name].js',
    publicPath: '/static/host/',
    clean: true,
  },
  resolve: { extensions: ['.tsx', '.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.(tsx?|jsx?)$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
              target: 'es2021',
            },
          },
        },
      },
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
    ],
  },
  plugins: [
    new webpack.NormalModuleReplacementPlugin(/^@console\//, (resource) => {
      resource.request = `${path.join(__dirname, 'host', 'consoleModule.js')}?${encodeURIComponent(resource.request)}`;
    }),
    // Styles come as the console serves them: PatternFly's full CSS plus the SDK's few rules
    // (static/console-sdk.css), linked from the page; component-level CSS imports are dropped.
    new webpack.NormalModuleReplacementPlugin(/\.s?css$/, path.join(__dirname, 'host', 'empty.js')),
    // The console bundles @patternfly/react-topology's styles with its own topology views; the
    // host links the same files (see host/index.tsx).
    new CopyWebpackPlugin({
      patterns: [
        {
          from: path.join(root, 'node_modules/@patternfly/react-topology/dist/esm/css/*.css'),
          to: 'topology/[name][ext]',
        },
      ],
    }),
    new webpack.DefinePlugin({
      __SHARED_VERSIONS__: JSON.stringify(Object.fromEntries(SHARED.map((p) => [p, versionOf(p)]))),
    }),
  ],
  // Readable stack traces in the browser tests matter more than bytes here.
  optimization: { minimize: false },
  devtool: false,
  performance: { hints: false },
  stats: 'errors-warnings',
  cache: { type: 'filesystem', cacheDirectory: path.join(root, '.cache', 'webpack-preview') },
};
