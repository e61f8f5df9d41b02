/**
 * HTML built from templates whose every interpolated value is escaped, unless it is itself built by
 * {@link html}: a teacher named `<script>` renders as text, and no renderer can forget to escape.
 */

const SAFE = Symbol('oneroster.safeHtml');

/** Markup produced by {@link html}; the only value interpolated without escaping. */
export interface SafeHtml {
  readonly [SAFE]: string;
}

/** What a template accepts: markup, text and numbers (escaped), lists of them, or nothing. */
export type HtmlValue = SafeHtml | string | number | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

function isSafeHtml(value: HtmlValue): value is SafeHtml {
  return typeof value === 'object' && SAFE in value;
}

function render(value: HtmlValue): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  if (isSafeHtml(value)) return value[SAFE];
  return value.map(render).join('');
}

/** A template of trusted markup with escaped values. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '');
  });
  return { [SAFE]: markup };
}

/** The markup as a string, for the finished document. */
export function toHtmlString(value: SafeHtml): string {
  return value[SAFE];
}

/**
 * A `<style>` element of the renderer's own stylesheet. Entities are not decoded inside `<style>`,
 * so the CSS goes in as written; one that could end the element early is refused.
 */
export function styleElement(css: string): SafeHtml {
  if (/<\/style/i.test(css)) throw new TypeError('styleElement: the stylesheet must not contain </style');
  return { [SAFE]: `<style>${css}</style>` };
}
