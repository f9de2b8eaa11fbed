// Built exactly as console 4.22 loads a plugin: ConsoleRemotePlugin turns package.json's
// consolePlugin metadata and console-extensions.json into a federated container plus
// plugin-manifest.json, and marks the console's shared modules as provided by the host.
const path = require('path');
const { ConsoleRemotePlugin } = require('@openshift-console/dynamic-plugin-sdk-webpack');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const isProd = process.env.NODE_ENV === 'production';

/**
 * Writes which modules went into which chunk (outside dist/, which is what gets served), so
 * scripts/check-dist.js can prove the console's shared modules were not bundled.
 */
class WriteModuleListPlugin {
  apply(compiler) {
    compiler.hooks.done.tap('WriteModuleListPlugin', (stats) => {
      const fs = require('fs');
      const json = stats.toJson({
        all: false,
        assets: true,
        chunks: true,
        chunkModules: true,
        nestedModules: true,
        ids: true,
      });
      const out = path.resolve(__dirname, '.cache', 'build-modules.json');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify(json));
    });
  }
}

/** @type {import('webpack').Configuration} */
module.exports = {
  mode: isProd ? 'production' : 'development',
  // No entry of our own: ConsoleRemotePlugin adds the container entry (plugin-entry.js).
  entry: {},
  context: path.resolve(__dirname, 'src'),
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: isProd ? '[name]-bundle-[contenthash].min.js' : '[name]-bundle.js',
    chunkFilename: isProd ? '[name]-chunk-[chunkhash].min.js' : '[name]-chunk.js',
  },
  resolve: {
    extensions: ['.ts', '.tsx', '.js', '.jsx'],
  },
  module: {
    rules: [
      {
        test: /\.(jsx?|tsx?)$/,
        exclude: /node_modules/,
        // swc only strips types (fast); `npm run typecheck` is the type gate.
        use: { loader: 'swc-loader', options: { sync: false } },
      },
      {
        test: /\.m?js$/,
        resolve: { fullySpecified: false },
      },
    ],
  },
  plugins: [
    new ConsoleRemotePlugin(),
    new WriteModuleListPlugin(),
    new CopyWebpackPlugin({
      patterns: [{ from: path.resolve(__dirname, 'locales'), to: 'locales' }],
    }),
  ],
  devtool: isProd ? false : 'source-map',
  optimization: {
    chunkIds: isProd ? 'deterministic' : 'named',
    minimize: isProd,
  },
  performance: { hints: false },
};
