/**
 * Orders strings by Unicode code point, the order of SQLite's BINARY and PostgreSQL's "C" collation
 * over UTF-8, so every store iterates alike. JavaScript's `<` compares UTF-16 code units, which puts
 * characters above U+FFFF (surrogate pairs) before U+E000 to U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    const xIsSurrogate = x >= 0xd800 && x <= 0xdfff;
    const yIsSurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xIsSurrogate !== yIsSurrogate) return xIsSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
