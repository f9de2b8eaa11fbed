// The module map preview/webpack.config.js generates: PatternFly module -> [the version the
// console registers, loader].
declare module 'preview-host-patternfly' {
  const modules: Record<string, [string, () => Promise<unknown>]>;
  export default modules;
}
