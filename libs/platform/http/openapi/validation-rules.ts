import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { Json } from './json.js';

interface Rule {
  name?: string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}
interface Storage {
  validationMetadatas: Map<Function, unknown>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  getTargetValidationMetadatas(target: Function, schema: string, always: boolean, strictGroups: boolean): Rule[]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
}

/** Where a rule goes: the property's schema, or its items' when the rule holds for each element. */
function targetOf(property: Json, each: boolean | undefined): Json | undefined {
  if (!each) return property;
  if (property.type === 'array') return (property.items ??= {});
  return undefined;
}

/**
 * The document's request schemas take their limits from the class-validator decorators the
 * server enforces (integer, minimum, maximum, lengths, list sizes, patterns, enums), so the DTO
 * class is the one source of both: nothing is restated in @ApiProperty by hand, and a limit
 * changed in a decorator changes in the document (and fails the committed-document test).
 */
export function addValidationRules(document: OpenAPIObject): OpenAPIObject {
  const storage = getMetadataStorage() as unknown as Storage;
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
  for (const target of storage.validationMetadatas.keys()) {
    const schema = schemas[target.name];
    if (!schema?.properties) continue;
    for (const rule of storage.getTargetValidationMetadatas(target, '', true, false)) {
      const property = (schema.properties as Json)[rule.propertyName] as Json | undefined;
      const into = property && targetOf(property, rule.each);
      if (!into || into.$ref || into.allOf) continue;
      apply(into, rule);
    }
  }
  return document;
}

function apply(into: Json, { name, constraints = [] }: Rule): void {
  const [first, second] = constraints;
  // @Matches and our own pattern rules (isNik, isKk) carry their expression as the first constraint.
  if (first instanceof RegExp && !first.flags.replace('u', '')) into.pattern ??= first.source;
  switch (name) {
    case 'isInt':
      into.type = 'integer';
      break;
    case 'min':
      into.minimum = first;
      break;
    case 'max':
      into.maximum = first;
      break;
    case 'isPositive':
      into.minimum = 0;
      into.exclusiveMinimum = true;
      break;
    case 'isLength':
      if (typeof first === 'number' && first > 0) into.minLength = first;
      if (typeof second === 'number') into.maxLength = second;
      break;
    case 'minLength':
      into.minLength = first;
      break;
    case 'maxLength':
      into.maxLength = first;
      break;
    case 'arrayMinSize':
      into.minItems = first;
      break;
    case 'arrayMaxSize':
      into.maxItems = first;
      break;
    case 'arrayNotEmpty':
      into.minItems = Math.max(1, Number(into.minItems ?? 1));
      break;
    case 'isIn':
      if (Array.isArray(first)) into.enum ??= first;
      break;
  }
}
