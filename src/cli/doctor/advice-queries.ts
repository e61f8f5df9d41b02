import type { AdviceRule } from './advise.js';
import type { Detail } from './doctor-report.js';

const FULL_SYNCS = "run full syncs (`oneroster sync --mode full`, syncRoster mode: 'full')";

/** The names whose value is `outcome` in a `{ name: outcome }` finding. */
function named(value: Detail | undefined, outcome: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([name, found]) => (found === outcome ? [name] : []));
}

/** `users (HTTP 400)`, from a `{ collection: why }` finding. */
function reasons(value: Detail | undefined): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return '';
  return Object.entries(value)
    .map(([name, why]) => `${name} (${String(why)})`)
    .join(', ');
}

/** `orgs, users`, from a list finding. */
function listed(value: Detail | undefined): string {
  return Array.isArray(value) ? value.map(String).join(', ') : '';
}

export const deltaFilter: AdviceRule = {
  id: 'delta-filter',
  reads: ['delta-filter'],
  advise(findings) {
    const status = findings.status('delta-filter');
    const collections = findings.detected('delta-filter')?.['collections'];
    const refused = named(collections, 'refused');
    if (refused.length > 0) {
      return {
        text: `The delta filter (dateLastModified>'...') is refused on ${refused.join(', ')}: a delta sync fails there, so ${FULL_SYNCS}.`,
        flags: ['--mode full'],
      };
    }
    if (status === 'unsupported') {
      return {
        text: `The delta filter (dateLastModified>'...') is ignored: a delta would pull everything anyway, so ${FULL_SYNCS}.`,
        flags: ['--mode full'],
      };
    }
    if (status !== 'deviation') return undefined;
    return {
      text: `The delta filter is ignored on ${named(collections, 'ignored').join(', ')}: deltas of those collections pull every record (correct, only slower); the others pull only what changed.`,
    };
  },
};

export const filter: AdviceRule = {
  id: 'filter',
  reads: ['filter'],
  advise(findings) {
    const status = findings.status('filter');
    if (status !== 'unsupported' && status !== 'deviation') return undefined;
    const probes = findings.detected('filter')?.['probes'];
    const failing = [...named(probes, 'ignored'), ...named(probes, 'refused')];
    return {
      text: `Filters on other fields are not honoured everywhere (${failing.join(', ')}): \`pull --filter\` and list({ filter }) return what the provider sends, so check what a filter returns, or filter in your own code.`,
    };
  },
};

export const fields: AdviceRule = {
  id: 'fields',
  reads: ['fields'],
  advise(findings) {
    if (findings.status('fields') !== 'unsupported') return undefined;
    return {
      text: 'The provider ignores fields: the client keeps only the fields you ask for, but every field (passwords, phone numbers) crosses the network. Ask the provider to honour fields.',
    };
  },
};

export const minimalPreset: AdviceRule = {
  id: 'minimal',
  reads: ['minimal', 'unknown-field'],
  advise(findings) {
    const minimal = findings.detected('minimal');
    const version = typeof minimal?.['version'] === 'string' ? minimal['version'] : undefined;
    const refusesUnknown = findings.detected('unknown-field')?.['answer'] === 'refused';
    switch (findings.status('minimal')) {
      case 'unsupported':
        return {
          text: `The provider refuses the minimal preset of OneRoster ${version} on ${reasons(minimal?.['refused'])}: \`sync\` and \`pull\`, which ask for it by default, fail there. Ask the provider which of the preset's fields it lacks.`,
        };
      case 'deviation':
        return {
          text: `The provider warns that it lacks a field of the minimal preset on ${listed(minimal?.['warned'])}: those records come without it, and strict validation fails them when the field is required.`,
        };
      case 'ok':
        if (!refusesUnknown) return undefined;
        return {
          text: `Unknown fields are refused with an error: name only fields of OneRoster ${version}. The minimal preset of ${version} was asked as the client sends it and accepted, so it is safe here.`,
        };
      default:
        if (!refusesUnknown) return undefined;
        return { text: 'Unknown fields are refused with an error: name only fields the provider knows.' };
    }
  },
};

export const nested: AdviceRule = {
  id: 'nested',
  reads: ['nested', 'filter'],
  advise(findings) {
    if (findings.status('nested') !== 'unsupported') return undefined;
    const answered = findings.detected('nested')?.['answered'];
    const some =
      Array.isArray(answered) && answered.length > 0
        ? 'Some nested collections fail'
        : 'No nested collection answers';
    // Reading a parent's records by filter helps only where filters work.
    const instead =
      findings.status('filter') === 'ok'
        ? "read the top-level collections with a filter instead (`/classes?filter=school='{id}'`)"
        : 'read the top-level collections and match records in your own code (filters are not honoured everywhere)';
    return {
      text: `${some}: ${instead}. A 403 means the credentials lack roster.readonly.`,
    };
  },
};
