/**
 * Functions the rewritten modules call, emitted into the prologue of the modules that use them
 * (one line each, named with the module's unique prefix). Function declarations are hoisted, so
 * they work wherever the prologue puts them.
 */
export function runtimeHelpers(prefix: string) {
  return {
    // `import x from` reads `default` of a module compiled from ESM, or takes a CommonJS
    // module's exports whole, as Node's ESM loader does.
    importDefault: `function ${prefix}importDefault(module) { return module != null && module.__esModule ? module.default : module; }`,
    importStar: `function ${prefix}importStar(module) { return module != null && module.__esModule ? module : Object.freeze({ ...module, default: module }); }`,
    // Local exports are defined first (in the prologue), so they win over star exports.
    exportStar: `function ${prefix}exportStar(exports, module) { for (const key of Object.keys(module)) { if (key !== "default" && !Object.prototype.hasOwnProperty.call(exports, key)) Object.defineProperty(exports, key, { enumerable: true, get: () => module[key] }); } }`,
    importMeta: `const ${prefix}importMeta = { url: require("node:url").pathToFileURL(__filename).href, filename: __filename, dirname: __dirname };`,
  } as const
}

export type RuntimeHelper = keyof ReturnType<typeof runtimeHelpers>
