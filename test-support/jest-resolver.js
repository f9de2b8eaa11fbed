// @kubernetes-models/* (and kubernetes-models, which they import) publish only an "import"
// export condition; Jest resolves CommonJS conditions. Resolve those packages with "import"
// (swc then transforms them to CommonJS).
module.exports = (request, options) =>
  options.defaultResolver(
    request,
    request.startsWith('@kubernetes-models/') || request.startsWith('kubernetes-models/')
      ? { ...options, conditions: ['import', 'default'] }
      : options,
  );
