/**
 * Percent-encodes per RFC 3986: only `A-Z a-z 0-9 - . _ ~` stay as they are. `encodeURIComponent`
 * leaves `! ' ( ) *` unencoded, which breaks OAuth 1.0a signatures (RFC 5849 3.6) and filter values.
 */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
