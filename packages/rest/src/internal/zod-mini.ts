/*
 * The only door to zod in this package: the few zod/mini builders the config schema uses. Tests and the
 * typechecker see zod itself; the build (scripts/bundle-zod.mjs) replaces dist/internal/zod-mini.js with these
 * exports bundled and tree-shaken, so `import('@meta/rest')` never loads zod's 60-odd locale modules, a browser
 * bundle carries only the schema kinds used, and zod is not a runtime dependency.
 */
export { custom, optional, strictObject, type ZodMiniType } from 'zod/mini';
