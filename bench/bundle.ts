/**
 * Bundle size: gzipped bytes (zlib level 6, as `gzip -c`) of every content script the manifest
 * lists (isolated-world, MAIN-world and overlay scripts alike, and their CSS), and of each
 * extension page (popup, dashboard): its HTML, and the JS and CSS chunks it loads, followed through
 * static imports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface ContentScriptSize extends FileSize {
  world: 'ISOLATED' | 'MAIN';
  matches: string[];
}

export interface PageSize {
  page: string;
  files: FileSize[];
  js: { bytes: number; gzip: number };
  css: { bytes: number; gzip: number };
  total: { bytes: number; gzip: number };
}

export interface BundleSizes {
  contentScripts: ContentScriptSize[];
  pages: PageSize[];
  background: FileSize | null;
}

function sizeOf(dir: string, file: string): FileSize {
  const buf = readFileSync(join(dir, file));
  return { file, bytes: buf.length, gzip: gzipSync(buf, { level: 6 }).length };
}

/** A page's files: the HTML, its scripts and styles, and every chunk they import statically. */
function pageFiles(dir: string, html: string): string[] {
  const text = readFileSync(join(dir, html), 'utf8');
  const refs = [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const queue = refs.map((r) => normalize(r.replace(/^\//, '')));
  while (queue.length) {
    const f = queue.shift() as string;
    if (seen.has(f) || !existsSync(join(dir, f))) continue;
    seen.add(f);
    if (!f.endsWith('.js')) continue;
    const js = readFileSync(join(dir, f), 'utf8');
    for (const m of js.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
      const target = m[1].startsWith('/') ? m[1].slice(1) : relative(dir, join(dir, dirname(f), m[1]));
      queue.push(normalize(target));
    }
  }
  return [html, ...seen];
}

export function measureBundles(dir: string): BundleSizes {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts?: Array<{ js?: string[]; css?: string[]; world?: string; matches?: string[] }>;
    background?: { service_worker?: string };
    action?: { default_popup?: string };
    options_ui?: { page?: string };
    options_page?: string;
  };
  const contentScripts: ContentScriptSize[] = [];
  const seen = new Set<string>();
  for (const cs of manifest.content_scripts ?? []) {
    for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) {
      if (seen.has(f)) continue;
      seen.add(f);
      contentScripts.push({ ...sizeOf(dir, f), world: cs.world === 'MAIN' ? 'MAIN' : 'ISOLATED', matches: cs.matches ?? [] });
    }
  }
  const pages: PageSize[] = [];
  const pageList: Array<[string, string | undefined]> = [
    ['popup', manifest.action?.default_popup],
    ['dashboard (options)', manifest.options_ui?.page ?? manifest.options_page],
  ];
  for (const [name, html] of pageList) {
    if (!html || !existsSync(join(dir, html))) continue;
    const files = pageFiles(dir, html).map((f) => sizeOf(dir, f));
    const sum = (fs: FileSize[]) => ({ bytes: fs.reduce((n, f) => n + f.bytes, 0), gzip: fs.reduce((n, f) => n + f.gzip, 0) });
    pages.push({
      page: name,
      files,
      js: sum(files.filter((f) => f.file.endsWith('.js'))),
      css: sum(files.filter((f) => f.file.endsWith('.css'))),
      total: sum(files),
    });
  }
  const bg = manifest.background?.service_worker;
  return { contentScripts, pages, background: bg ? sizeOf(dir, bg) : null };
}
