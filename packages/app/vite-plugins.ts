// Build-time help for the app:
// - the words of the Parcours codes (`virtual:parcours-code-labels`) are derived at build time from the profiles'
//   generated CodeSystems (read through the package export @parcours/profiles/data): French display and English
//   designation per code, a few KB instead of the definitions;
// - index.html announces the app's chunks so they load in parallel with boot.js (preloadAppChunks);
// - every asset gets its brotli and gzip copies at build time (precompressed), served as they are.
// The validator needs no help: the app feeds its browser entry (@parcours/validator/core) the compact definition
// set of @parcours/definitions, no file access, no shim.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { CodeSystem } from '@medplum/fhirtypes';
import { codeSystems } from '@parcours/profiles/data';
import type { Plugin } from 'vite';

const CODE_LABELS = 'virtual:parcours-code-labels';

interface Concept {
  code: string;
  display?: string;
  designation?: { language?: string; value: string }[];
  concept?: Concept[];
}

/** CodeSystem url → code → [French, English], from the profiles' generated CodeSystems (French first). */
export function codeLabelTable(systems: readonly CodeSystem[] = codeSystems): Record<string, Record<string, [string, string]>> {
  const table: Record<string, Record<string, [string, string]>> = {};
  for (const cs of [...systems].sort((a, b) => (a.url ?? '').localeCompare(b.url ?? ''))) {
    if (!cs.url) continue;
    const codes: Record<string, [string, string]> = {};
    const walk = (list: Concept[] | undefined): void => {
      for (const c of list ?? []) {
        const fr = c.display ?? c.code;
        codes[c.code] = [fr, c.designation?.find((d) => d.language?.startsWith('en'))?.value ?? fr];
        walk(c.concept);
      }
    };
    walk(cs.concept as Concept[] | undefined);
    table[cs.url] = codes;
  }
  return table;
}

export function codeLabels(): Plugin {
  return {
    name: 'parcours-code-labels',
    resolveId(source) {
      return source === CODE_LABELS ? `\0${CODE_LABELS}` : null;
    },
    load(id) {
      if (id !== `\0${CODE_LABELS}`) return null;
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(codeLabelTable()))});`;
    },
  };
}

/**
 * A slow link, as the Network Information API estimates it (Chromium; other browsers have no `navigator.connection`):
 * 3G or slower, data saver, a round trip of 300 ms or more, or under 1 Mbit/s. index.html's script records its
 * answer as `<html data-slow-link>`, which boot.ts reads.
 */
const SLOW_LINK = "(navigator.connection.saveData || /2g|3g/.test(navigator.connection.effectiveType) || navigator.connection.rtt >= 300 || navigator.connection.downlink < 1)";

type Bundle = NonNullable<Parameters<Extract<NonNullable<Plugin['transformIndexHtml']>, { handler: unknown }>['handler']>[1]['bundle']>;

/**
 * What the redirect page (index.html) needs before its first paint, from the bundle: the launch's own chunks (the
 * entry, early.ts and what it imports: fhirclient, the plan query), then the UI's first paint (main.tsx and its
 * static imports: React, the status line, the goals) and its CSS. Not the chart nor the sections below the goals
 * (App.tsx, later.ts): they are fetched once the data is here, so on a slow link they do not share it.
 */
function redirectPageFiles(bundle: Bundle): { launch: Set<string>; files: Set<string>; css: string[] } | undefined {
  const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
  const main = chunks.find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/main.tsx'));
  if (!main || main.type !== 'chunk') return undefined;
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const files = new Set<string>();
  const visit = (name: string): void => {
    if (files.has(name)) return;
    files.add(name);
    const chunk = byName.get(name);
    if (chunk?.type === 'chunk') for (const dep of chunk.imports) visit(dep);
  };
  // The launch's chunks first: the browser opens 6 connections per origin, and the early chunk's small dependencies
  // used to wait for a free connection behind main.js, which held back the token request by ~100 ms.
  // first-paint.ts draws the status line and the goals when the data comes before React (a slow link).
  for (const first of ['/src/boot.ts', '/src/early.ts', '/src/first-paint.ts']) {
    const chunk = chunks.find((c) => c.type === 'chunk' && c.moduleIds.some((id) => id.endsWith(first)));
    if (chunk) visit(chunk.fileName);
  }
  const launch = new Set(files);
  visit(main.fileName);
  const css = [...files].flatMap((f) => {
    const c = byName.get(f);
    return c?.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : [];
  });
  return { launch, files, css };
}

/**
 * index.html's entry (boot.ts) picks the app with a dynamic import; without help the browser discovers the app's
 * chunks only after boot.js ran. A small inline script in the built index.html announces them (modulepreload +
 * stylesheet) so they load in parallel with boot.js. launch.html prefetches the largest of them: they download while
 * the SMART round trips (well-known, authorize, redirect) would leave the link idle.
 */
export function preloadAppChunks(): Plugin {
  return {
    name: 'parcours-preload-app-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return [];
        const found = redirectPageFiles(ctx.bundle);
        if (!found) return [];
        const { launch, files, css } = found;
        if (ctx.filename.endsWith('launch.html')) {
          // The redirect page's own chunks (not those it shares with this page): its launch chunks (entry, early.ts, the
          // first paint's), then the largest of the UI; at most 5: HTTP/1.1 gives 6 connections per origin and one is left
          // for the authorize navigation (with 6 it waited for a prefetch to finish: measured); the small rest loads with
          // the redirect page. Prefetches outlive the navigation.
          const own = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.moduleIds.some((id) => id.endsWith('/src/launch.ts')));
          const here = new Set(own?.type === 'chunk' ? [own.fileName, ...own.imports] : []);
          const size = (f: string): number => {
            const c = ctx.bundle?.[f];
            return c?.type === 'chunk' ? c.code.length : 0;
          };
          const needed = [...files].filter((f) => !here.has(f));
          const first = needed.filter((f) => launch.has(f));
          const ui = needed.filter((f) => !launch.has(f)).sort((a, b) => size(b) - size(a));
          const list = [...first, ...ui].slice(0, 5).map((f) => `/app/${f}`);
          // On a fast link at once: index.html then finds them in the HTTP cache. On a slow link (Network Information
          // API: 3G or slower, data saver, a round trip of 300 ms or more, under 1 Mbit/s) once launch.js and fhirclient
          // are in (DOMContentLoaded follows the module scripts): sent with them, the prefetches shared the link with them
          // and held back the authorize navigation (throttled bench).
          // Not for the benchmark's bare baseline (same launch page, ?bare=1): it must not pay for the app's chunks.
          const script = `if (new URLSearchParams(location.search).get('bare') !== '1') { const go = () => { for (const href of ${JSON.stringify(list)}) { const l = document.createElement('link'); l.rel = 'prefetch'; l.href = href; l.crossOrigin = ''; document.head.append(l); } }; if (navigator.connection && ${SLOW_LINK}) addEventListener('DOMContentLoaded', go); else go(); }`;
          return [{ tag: 'script', children: script, injectTo: 'head' as const }];
        }
        if (!ctx.filename.endsWith('index.html')) return [];
        // The UI (React, the plan view) is only fetched here, not parsed: a module preload is compiled on the page's
        // thread as soon as it arrives, and compiling ~250 KB held back the evaluation of early.ts (so the token
        // request). It is compiled when boot.ts imports it, once the plan requests are sent.
        // On a slow link the UI is not announced: it would share the link with the token and the plan's requests (main.js
        // alone is 62 KB on the wire, 1.2 s at 400 kbit/s); the first paint draws the status line and the goals, and
        // boot.ts asks for the UI once the data is here.
        const links = [...[...files].map((f) => [launch.has(f) ? 'modulepreload' : 'preload', `/app/${f}`]), ...css.map((f) => ['stylesheet', `/app/${f}`])];
        // Only on the app path: the benchmark's bare baseline (same index.html) must not pay for the app's chunks.
        const script = `if (sessionStorage.getItem('parcours-bare') !== '1') { const slow = !!navigator.connection && ${SLOW_LINK}; if (slow) document.documentElement.dataset.slowLink = ''; for (const [rel, href] of ${JSON.stringify(links)}) { if (slow && rel === 'preload') continue; const l = document.createElement('link'); l.rel = rel; l.href = href; l.crossOrigin = ''; if (rel === 'preload') l.as = 'script'; document.head.append(l); } }`;
        return [{ tag: 'script', children: script, injectTo: 'head-prepend' as const }];
      },
    },
  };
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** What is worth compressing: text assets of at least 1 KB. */
const COMPRESSIBLE = /\.(js|css|svg|json|txt|map)$/;

/**
 * Writes `file.br` (brotli, quality 11) and `file.gz` (gzip, level 9) beside each text asset of the build. The
 * sandbox (and any static server with pre-compressed support) sends them as they are: compressing on each request
 * took the server's one thread while it also answered the token and the plan's FHIR requests (issue 17), and at the
 * highest quality the copies are smaller than on-the-fly compression makes them.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'parcours-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      await Promise.all(
        Object.values(bundle).map(async (item) => {
          if (!COMPRESSIBLE.test(item.fileName)) return;
          const source = item.type === 'chunk' ? Buffer.from(item.code) : Buffer.from(item.source);
          if (source.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
            gzipAsync(source, { level: 9 }),
          ]);
          const file = join(dir, item.fileName);
          await Promise.all([br.length < source.length ? writeFile(`${file}.br`, br) : undefined, gz.length < source.length ? writeFile(`${file}.gz`, gz) : undefined]);
        }),
      );
    },
  };
}
