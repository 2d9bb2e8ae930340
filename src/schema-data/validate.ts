/**
 * An ajv validator for one schema, compiled by the runtime's own `Validators` (the code generated
 * servers run), so that "valid" here means what it means to a covenant server: same 3.0/3.1
 * handling, same readOnly/writeOnly denial, same formats and pattern flags.
 */
import { collectRefs, Validators, type SchemaKind } from '@covenant/runtime/toolchain';
import { contextOf, type SchemaDataOptions } from './context.js';

export interface SchemaValidator {
  (value: unknown): boolean;
  /** `pointer: message` lines of the last failed call. */
  errors(): string[];
}

export interface ValidatorOptions extends SchemaDataOptions {
  /** `params` coerces strings (parameters), `form` coerces and allows files; default from direction. */
  kind?: SchemaKind;
}

export function validatorFor(schema: unknown, options: ValidatorOptions = {}): SchemaValidator {
  const cx = contextOf(options);
  const schemas: Record<string, unknown> = {};
  const pending = [...collectRefs(schema)];
  while (pending.length) {
    const ref = pending.pop()!;
    if (ref in schemas || !ref.startsWith('#')) continue;
    const target = cx.deref(ref);
    if (!target) throw new Error(`schema $ref ${ref} does not resolve`);
    schemas[ref] = target;
    pending.push(...collectRefs(target));
  }
  const kind: SchemaKind = options.kind ?? (cx.direction === 'response' ? 'response' : 'json');
  const compiled = new Validators({ openapi: cx.version, operations: [], schemas }).compile(kind, schema);
  let last: string[] = [];
  const check = ((value: unknown) => {
    // request validators apply defaults: never let them touch the caller's value
    const copy = value === undefined ? undefined : structuredClone(value);
    const ok = compiled(copy) as boolean;
    last = ok ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}`);
    return ok;
  }) as SchemaValidator;
  check.errors = () => last;
  return check;
}
