// Minimal HTML handling for event bodies: enough to find links, not a general HTML parser.

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decode the entities that matter in links (`&amp;` hides Zoom's `pwd`), plus numeric references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

/**
 * Drop content that is never visible and may hold URL-like noise (scripts, styles, head, comments). Uses
 * indexOf rather than a lazy regex so unterminated openers cannot make it quadratic; an unterminated one
 * ends the stripping and the rest is kept as text.
 */
function stripInvisible(html: string): string {
  const opener = /<(script|style|head)\b|<!--/gi;
  const lower = html.toLowerCase();
  let out = '';
  let pos = 0;
  for (let m = opener.exec(html); m; m = opener.exec(html)) {
    const closeTag = m[1] ? `</${m[1].toLowerCase()}` : '-->';
    const close = lower.indexOf(closeTag, m.index + m[0].length);
    const end = close < 0 ? -1 : m[1] ? lower.indexOf('>', close) : close + 2;
    if (end < 0) break;
    out += `${html.slice(pos, m.index)} `;
    pos = end + 1;
    opener.lastIndex = pos;
  }
  return out + html.slice(pos);
}
// A tag: name must be followed by whitespace, "/" or ">", so plain-text "<https://…>" is not mistaken for one.
// Unquoted parts never span "<", which keeps unterminated tags from making the scan quadratic.
const TAG =
  /<\/?([a-zA-Z][\w:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*)\s*\/?>/g;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/**
 * Split HTML (or plain text) into pieces in document order: each `<a href>` value, then the visible text
 * around it. Every piece is entity-decoded; tags act as separators so adjacent text does not glue onto links.
 */
export function htmlPieces(html: string): string[] {
  const source = stripInvisible(html);
  const pieces: string[] = [];
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    const index = m.index ?? 0;
    if (index > last) pieces.push(decodeEntities(source.slice(last, index)));
    last = index + m[0].length;
    if (m[1].toLowerCase() !== 'a') continue;
    const href = HREF.exec(m[2]);
    const value = href ? decodeEntities((href[1] ?? href[2] ?? href[3]).trim()) : '';
    // mailto: links never carry a join link, even if their body quotes one.
    if (value && !/^mailto:/i.test(value)) pieces.push(value);
  }
  if (last < source.length) pieces.push(decodeEntities(source.slice(last)));
  return pieces;
}
