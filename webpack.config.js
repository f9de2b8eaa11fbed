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
        // Modules webpack groups as "dependent" (e.g. what a PatternFly fallback pulls in) too.
        dependentModules: true,
        ids: true,
      });
      const out = path.resolve(__dirname, '.cache', 'build-modules.json');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify(json));
    });
  }
}

/**
 * Keeps the plugin's PatternFly copies as consume fallbacks only, without also offering them to
 * the share scope. The console already provides every PatternFly dynamic module at the version
 * we pin, so our offers are never chosen there; each one still cost the entry script (loaded on
 * every console page) a registration and a duplicate chunk. A missing or older module in the
 * host still falls back to our copy through the consume side, which this leaves untouched.
 */
class ConsumeOnlySharedPlugin {
  apply(compiler) {
    // ModuleFederationPlugin adds its SharePlugin in afterPlugins; drop the provide step after it.
    compiler.hooks.afterPlugins.tap('ConsumeOnlySharedPlugin', () => {
      const { finishMake } = compiler.hooks;
      const before = finishMake.taps.length;
      finishMake.taps = finishMake.taps.filter((tap) => tap.name !== 'ProvideSharedPlugin');
      if (finishMake.taps.length === before) {
        throw new Error('ConsumeOnlySharedPlugin: ProvideSharedPlugin was not found');
      }
      finishMake._resetCompilation?.();
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
    // One build hash for every chunk instead of one content hash each, and ids instead of names:
    // the entry would otherwise carry a 20-character hash per chunk and a table of chunk names
    // (~1.3 KB gzip of mostly incompressible text on every console page load). Any change still
    // renames every chunk, so the year-long caching of hashed names stays safe.
    chunkFilename: isProd ? '[id]-chunk-[fullhash].min.js' : '[name]-chunk.js',
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
      {
        // yaml's modules have no side effects but its package does not say so. Saying it lets
        // webpack skip the barrel, so a page that only prints YAML (a diff) does not fetch the
        // parser with it: about 17 KiB gzip instead of 30.
        test: /node_modules[\\/]yaml[\\/]/,
        sideEffects: false,
      },
    ],
  },
  plugins: [
    new ConsoleRemotePlugin(),
    new ConsumeOnlySharedPlugin(),
    new WriteModuleListPlugin(),
    new CopyWebpackPlugin({
      patterns: [{ from: path.resolve(__dirname, 'locales'), to: 'locales' }],
    }),
  ],
  // Browser code only: no Node `global` shim in the entry's runtime (lodash, from PatternFly's
  // table fallback, finds the global through `self` when `global` is undefined).
  node: { global: false },
  devtool: isProd ? false : 'source-map',
  optimization: {
    // Short ids: with one build hash in every chunk name, stable ids would buy no caching, and the
    // entry lists many of them.
    chunkIds: isProd ? 'size' : 'named',
    moduleIds: isProd ? 'size' : 'named',
    minimize: isProd,
  },
  performance: { hints: false },
};
