// A TypeDoc plugin (loaded by typedoc.json) that does two things the built-in options cannot:
//
// 1. It files every export of an entry point under a category by the source file that declares it,
//    from the `sourceCategories` option of typedoc.json, so a symbol is categorised where the map
//    says rather than by a `@category` tag in each of its files. An explicit `@category` tag wins. An
//    export that no rule matches, and a rule that matches nothing, are warnings, which
//    `treatWarningsAsErrors` turns into a failed build: a new folder cannot land in "Other" unseen.
// 2. It titles each guide of `projectDocuments` by its first heading, up to a colon or a comma
//    ("# Paging: why a short page is not the end" becomes "Paging"), instead of its file name.
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommentTag, Converter, ParameterType, ReflectionKind } from 'typedoc';

/** The repository's root, which the rules' paths are relative to (this file is in docs/typedoc/). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.options.addDeclaration({
    name: 'sourceCategories',
    help: 'Ordered map of a regular expression over a declaration file (relative to the repository, with /) to its category; the first match wins.',
    type: ParameterType.Mixed,
    defaultValue: {},
  });

  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const heading = /^#\s+(.+)$/m.exec(document.content.map((part) => part.text).join(''))?.[1];
    if (heading !== undefined) document.name = heading.replaceAll('`', '').split(/[:,]/)[0].trim();
  });

  // Before the CategoryPlugin, which reads the tags at RESOLVE_END with priority -200.
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      /** @type {Record<string, string>} */
      const map = app.options.getValue('sourceCategories');
      const rules = Object.entries(map).map(([pattern, category]) => ({
        pattern,
        regex: new RegExp(pattern),
        category,
        used: false,
      }));
      const modules = context.project.getChildrenByKind(ReflectionKind.Module);
      for (const module of modules.length > 0 ? modules : [context.project]) {
        for (const child of module.children ?? []) categorise(context, child, rules);
      }
      for (const rule of rules) {
        if (!rule.used) app.logger.warn(`sourceCategories: the rule "${rule.pattern}" matches no export`);
      }
    },
    100,
  );

  /**
   * @param {import('typedoc').Context} context
   * @param {import('typedoc').DeclarationReflection} reflection
   * @param {{ regex: RegExp, category: string, used: boolean }[]} rules
   */
  function categorise(context, reflection, rules) {
    const fileName = context.project.getSymbolIdFromReflection(reflection)?.fileName;
    if (fileName === undefined) return;
    const path = relative(ROOT, fileName).split(sep).join('/');
    const rule = rules.find((candidate) => candidate.regex.test(path));
    if (rule === undefined) {
      app.logger.warn(`sourceCategories: no rule for ${reflection.name} (${path})`);
      return;
    }
    rule.used = true;
    const comments = [
      reflection.comment,
      ...(reflection.signatures ?? []).map((signature) => signature.comment),
    ].filter((comment) => comment !== undefined);
    if (comments.some((comment) => comment.blockTags.some((tag) => tag.tag === '@category'))) return;
    // An undocumented export gets no comment here: the notDocumented validation must still see it.
    comments[0]?.blockTags.push(new CommentTag('@category', [{ kind: 'text', text: rule.category }]));
  }
}
