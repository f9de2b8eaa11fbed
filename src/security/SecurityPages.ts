// One exposed module for the Security pages: they share most of their code, so one chunk.
export { default as SecurityPage } from './SecurityPage';
export { default as MtlsPage } from './MtlsPage';
export { default as AuthorizationPage } from './AuthorizationPage';
export { default as JwtPage } from './JwtPage';
