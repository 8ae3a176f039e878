/**
 * The dashboard's sections in the URL hash, so Back works and a section can be linked:
 *
 *   #accounts                      the accounts table
 *   #accounts/<key>                one account's detail ("#accounts/vk%3A-2513295")
 *   #compare?a=<key>,<key>&from=2026-10-01&to=2026-10-31
 *   #audit/<key>?from=...&to=...   a contractor audit (inputs are kept in settings)
 *   #data, #settings
 *
 * Pure: strings in, strings out.
 */
export type Section = 'accounts' | 'compare' | 'audit' | 'data' | 'settings';
export const SECTIONS: readonly Section[] = ['accounts', 'compare', 'audit', 'data', 'settings'];

export type Route =
  | { section: 'accounts'; key: string | null }
  | { section: 'compare'; keys: string[]; from: string | null; to: string | null }
  | { section: 'audit'; key: string | null }
  | { section: 'data' }
  | { section: 'settings' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Account keys: "<platform>:<id>", ids of letters, digits, ".", "_", "-" (lib/backup/format.ts). */
const KEY = /^(vk|instagram):[\p{L}\p{N}._-]{1,100}$/u;

const dateOrNull = (v: string | null) => (v && DATE.test(v) ? v : null);
const keyOrNull = (v: string | null | undefined) => (v && KEY.test(v) ? v : null);

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const slash = path.indexOf('/');
  const head = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? null : decode(path.slice(slash + 1));
  switch (head) {
    case 'compare': {
      const keys = (params.get('a') ?? '')
        .split(',')
        .map((k) => keyOrNull(decode(k)))
        .filter((k): k is string => k !== null);
      return { section: 'compare', keys: [...new Set(keys)], from: dateOrNull(params.get('from')), to: dateOrNull(params.get('to')) };
    }
    case 'audit':
      return { section: 'audit', key: keyOrNull(rest) };
    case 'data':
      return { section: 'data' };
    case 'settings':
      return { section: 'settings' };
    default:
      return { section: 'accounts', key: keyOrNull(rest) };
  }
}

export function formatHash(route: Route): string {
  switch (route.section) {
    case 'accounts':
      return route.key ? `#accounts/${encodeURIComponent(route.key)}` : '#accounts';
    case 'compare': {
      const p: string[] = [];
      if (route.keys.length) p.push(`a=${route.keys.map(encodeURIComponent).join(',')}`);
      if (route.from) p.push(`from=${route.from}`);
      if (route.to) p.push(`to=${route.to}`);
      return p.length ? `#compare?${p.join('&')}` : '#compare';
    }
    case 'audit':
      return route.key ? `#audit/${encodeURIComponent(route.key)}` : '#audit';
    default:
      return `#${route.section}`;
  }
}
