// Two resolutions that keep the browser build right:
// - the app's own imports of @parcours/profiles go to its constants module (the package index also re-exports
//   the generated definitions, megabytes the app never uses);
// - the validator (loaded lazily on first write) reads its generated R4 tables with node:fs; in the browser the
//   same text files are bundled into its chunk and served through a tiny readFileSync.
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const appSrc = resolve(import.meta.dirname, 'src');
const profilesConstantsFile = resolve(import.meta.dirname, '../profiles/src/constants.ts');
const validatorDir = resolve(import.meta.dirname, '../validator');
const FS_SHIM = '\0parcours-validator-fs';

export function profilesConstants(): Plugin {
  return {
    name: 'parcours-profiles-constants',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@parcours/profiles' && importer?.startsWith(appSrc) && !/\.test\.tsx?$/.test(importer)) return profilesConstantsFile;
      return null;
    },
  };
}

export function validatorInBrowser(): Plugin {
  return {
    name: 'parcours-validator-in-browser',
    enforce: 'pre',
    resolveId(source, importer) {
      if ((source === 'node:fs' || source === 'fs') && importer?.startsWith(validatorDir)) return FS_SHIM;
      return null;
    },
    load(id) {
      if (id !== FS_SHIM) return null;
      const generated = resolve(validatorDir, 'generated');
      return [
        `import structures from ${JSON.stringify(`${generated}/r4-structures.txt?raw`)};`,
        `import terminology from ${JSON.stringify(`${generated}/r4-terminology.txt?raw`)};`,
        // Vite rewrites `new URL('../generated/x.txt', import.meta.url)` to a hashed asset URL: match the stem.
        'const files = [["r4-structures", structures], ["r4-terminology", terminology]];',
        'const find = (path) => { const name = String(path).split("/").pop() ?? ""; return files.find(([stem]) => name.startsWith(stem)); };',
        'export function readFileSync(path) {',
        '  const hit = find(path);',
        '  if (hit) return hit[1];',
        '  throw new Error("not bundled: " + String(path));',
        '}',
        'export function existsSync(path) { return find(path) !== undefined; }',
        'export default { readFileSync, existsSync };',
      ].join('\n');
    },
  };
}
