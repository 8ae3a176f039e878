/** HTML entities in text VK's API hands over (names such as "Зерно &mdash; кофе"). Text in, text out. */
const ENTITIES: Record<string, string> = {
  amp: '&',
  quot: '"',
  lt: '<',
  gt: '>',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  bull: '•',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  copy: '©',
  reg: '®',
  trade: '™',
  numero: '№',
};
/** HTML entities as VK's API writes them in names ("&quot;", "&#39;", "&amp;"): decoded as text, never parsed as HTML. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]{2,8});/g, (m, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[code] ?? m;
  });
}
