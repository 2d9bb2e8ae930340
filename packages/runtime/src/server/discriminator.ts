/**
 * What becomes of a schema's `discriminator`, decided once for the runtime (which validates with it)
 * and the generator (which warns, at the spec position, about every one that is not enforced):
 *
 * - `oneOf`: ajv's `discriminator` keyword over the `oneOf` (each branch declares the tag, required,
 *   as const/enum of distinct strings) — one precise error at the tag;
 * - `allOf`: the discriminator sits on a base schema that others extend with `allOf: [$ref base, ...]`
 *   (`Dog = allOf[Pet, {...}]`); a value validated as the base is validated as the variant its tag
 *   names (the `mapping`, plus each extending schema by its own name) — one precise error at the tag;
 * - `dropped`: neither fits; the rest of the schema (its `oneOf`/`anyOf`) still validates.
 */

export type DiscriminatorVerdict =
  | { kind: 'oneOf' }
  | { kind: 'allOf'; tag: string; variants: Array<{ value: string; ref: string }> }
  | { kind: 'dropped'; reason: string };

export interface DiscriminatorContext {
  /** A `#/...` ref (or an id the caller understands) → its raw schema. */
  resolve(ref: string): Record<string, any> | undefined;
  /** Every schema ref the caller knows (`#/components/schemas/Dog`, ...): where extending schemas are found. */
  refs(): Iterable<string>;
}

const COMPONENT = '#/components/schemas/';

/** `ref`: the schema's own `#/components/schemas/...` ref when it has one (needed for the allOf form). */
export function judgeDiscriminator(s: Record<string, any>, ref: string | undefined, context: DiscriminatorContext): DiscriminatorVerdict {
  const discriminator = s.discriminator as Record<string, any> | undefined;
  const tag = discriminator?.propertyName;
  if (typeof tag !== 'string' || tag === '') return { kind: 'dropped', reason: 'it has no propertyName' };
  if (Array.isArray(s.oneOf)) {
    const why = oneOfProblem(s, tag, context);
    return why === undefined ? { kind: 'oneOf' } : { kind: 'dropped', reason: why };
  }
  if (Array.isArray(s.anyOf)) return { kind: 'dropped', reason: 'ajv enforces discriminators over oneOf only (anyOf still validates)' };
  if (ref === undefined) return { kind: 'dropped', reason: 'an inline schema without oneOf cannot be extended with allOf (move it to components/schemas)' };
  const variants: Array<{ value: string; ref: string }> = [];
  const values = new Set<string>();
  const targets = new Set<string>();
  for (const [value, target] of Object.entries((discriminator!.mapping ?? {}) as Record<string, unknown>)) {
    const normalized = typeof target === 'string' ? normalizeMappingRef(target) : undefined;
    if (normalized === undefined || context.resolve(normalized) === undefined) {
      return { kind: 'dropped', reason: `mapping "${value}" names ${JSON.stringify(target)}, which is not a schema of this document` };
    }
    if (normalized === ref) continue; // the base itself is not a variant
    variants.push({ value, ref: normalized });
    values.add(value);
    targets.add(normalized);
  }
  // implicit mapping: every schema extending this one with allOf, by its own name
  for (const other of context.refs()) {
    if (targets.has(other) || other === ref || !other.startsWith(COMPONENT)) continue;
    const schema = context.resolve(other);
    if (!extendsBase(schema, ref)) continue;
    const name = other.slice(COMPONENT.length).replace(/~1/g, '/').replace(/~0/g, '~');
    if (values.has(name)) continue;
    variants.push({ value: name, ref: other });
    values.add(name);
  }
  if (variants.length === 0) return { kind: 'dropped', reason: 'it has no oneOf, and no schema extends it with allOf or is named in its mapping' };
  variants.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { kind: 'allOf', tag, variants };
}

/** Whether a schema's top-level allOf refers to `base`. */
export function extendsBase(schema: Record<string, any> | undefined, base: string): boolean {
  return !!schema && Array.isArray(schema.allOf) && schema.allOf.some((part: unknown) => !!part && typeof part === 'object' && (part as Record<string, unknown>).$ref === base);
}

/** Mapping values are refs (`#/components/schemas/Dog`) or bare schema names (`Dog`). */
function normalizeMappingRef(target: string): string | undefined {
  if (target.startsWith('#/')) return target;
  if (/^[A-Za-z0-9._-]+$/.test(target)) return `${COMPONENT}${target}`;
  return undefined;
}

/** Why ajv's discriminator cannot run over this oneOf (undefined: it can). */
function oneOfProblem(s: Record<string, any>, tag: string, context: DiscriminatorContext): string | undefined {
  const seen = new Set<string>();
  const topRequired = Array.isArray(s.required) && s.required.includes(tag);
  for (const [i, branch] of (s.oneOf as Record<string, any>[]).entries()) {
    let target: Record<string, any> | undefined = branch;
    // a branch that fixes the tag itself next to its $ref is fine (ajv reads the branch's own properties)
    for (let hops = 0; target && typeof target.$ref === 'string' && target.properties?.[tag] === undefined && hops < 20; hops++) {
      if (Object.keys(target).length > 1) return `oneOf[${i}] has keywords next to its $ref`;
      target = context.resolve(target.$ref);
    }
    const tagSchema = target?.properties?.[tag];
    if (!tagSchema || typeof tagSchema !== 'object') return `oneOf[${i}] does not declare the property "${tag}"`;
    if (!topRequired && !(Array.isArray(target!.required) && target!.required.includes(tag))) return `oneOf[${i}] does not require "${tag}"`;
    const values = tagSchema.const !== undefined ? [tagSchema.const] : Array.isArray(tagSchema.enum) ? tagSchema.enum : undefined;
    if (!values) return `oneOf[${i}] does not fix "${tag}" with const or enum`;
    for (const value of values) {
      if (typeof value !== 'string') return `oneOf[${i}] fixes "${tag}" to a value that is not a string`;
      if (seen.has(value)) return `two oneOf branches share the "${tag}" value "${value}"`;
      seen.add(value);
    }
  }
  return undefined;
}
