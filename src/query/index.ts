export {
  assertFieldSelection,
  type FieldName,
  type FieldSelection,
  MINIMAL_FIELDS,
  MINIMAL_FIELDS_BY_VERSION,
  type MinimalFieldName,
  type MinimalPresetEntity,
} from './fields.js';
export {
  type Filter,
  type FilterClause,
  type FilterComparison,
  type FilterField,
  type FilterOperator,
  type FilterValue,
  filter,
} from './filter.js';
export {
  InvalidFieldsError,
  type InvalidFieldsReason,
  isInvalidFieldsError,
} from './invalid-fields-error.js';
export {
  InvalidFilterError,
  type InvalidFilterReason,
  isInvalidFilterError,
} from './invalid-filter-error.js';
export { type ParsedRecord, type ParseRecordOptions, parseRecord } from './parse-record.js';
export type { EntityProjection, Projection } from './projection.js';
export { MAX_STANDARD_FILTER_CLAUSES, type RenderFilterOptions } from './render-filter.js';
