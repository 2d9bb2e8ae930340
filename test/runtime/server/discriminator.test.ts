import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '../../../packages/runtime/src/server/definition.js';
import { judgeDiscriminator } from '../../../packages/runtime/src/server/discriminator.js';
import { fieldErrors, Validators } from '../../../packages/runtime/src/server/validation.js';

const S = '#/components/schemas/';
const definition = (schemas: Record<string, unknown>): ServiceDefinition => ({ openapi: '3.1', operations: [], schemas });

// Dog = allOf[Pet, {...}] with the discriminator on Pet (mapping for dog/kitty, Bird by its own name)
const pets = {
  [`${S}Pet`]: { type: 'object', required: ['kind', 'name'], properties: { kind: { type: 'string' }, name: { type: 'string' } }, discriminator: { propertyName: 'kind', mapping: { dog: `${S}Dog`, kitty: 'Cat' } } },
  [`${S}Dog`]: { allOf: [{ $ref: `${S}Pet` }, { type: 'object', required: ['barks'], properties: { barks: { type: 'boolean' } } }] },
  [`${S}Cat`]: { allOf: [{ $ref: `${S}Pet` }, { type: 'object', properties: { lives: { type: 'integer', maximum: 9 } } }] },
  [`${S}Bird`]: { allOf: [{ $ref: `${S}Pet` }, { type: 'object', required: ['wingspan'], properties: { wingspan: { type: 'number' } } }] },
  [`${S}Owner`]: { type: 'object', properties: { pets: { type: 'array', items: { $ref: `${S}Pet` } } } },
};

describe('allOf-based discriminators', () => {
  const validators = new Validators(definition(pets));
  const pet = validators.compile('json', { $ref: `${S}Pet` });
  const errors = (value: unknown, validate = pet) => (validate(value) ? [] : fieldErrors(validate.errors, '/body'));

  it('a value validated as the base is validated as the variant its tag names (mapping and implicit names)', () => {
    expect(errors({ kind: 'dog', name: 'Rex', barks: true })).toEqual([]);
    expect(errors({ kind: 'kitty', name: 'Tom', lives: 3 })).toEqual([]);
    expect(errors({ kind: 'Bird', name: 'Tweety', wingspan: 0.2 })).toEqual([]);
    expect(errors({ kind: 'dog', name: 'Rex' })).toEqual([{ pointer: '/body/barks', message: 'is required' }]);
    expect(errors({ kind: 'kitty', name: 'Tom', lives: 12 })).toEqual([{ pointer: '/body/lives', message: 'must be <= 9' }]);
    expect(errors({ kind: 'Bird', name: 'x' })).toEqual([{ pointer: '/body/wingspan', message: 'is required' }]);
  });

  it('one precise error at the tag for an unknown or missing tag', () => {
    expect(errors({ kind: 'fox', name: 'x' })).toEqual([{ pointer: '/body/kind', message: 'does not name a known variant' }]);
    expect(errors({ kind: 'Cat', name: 'x' })).toEqual([{ pointer: '/body/kind', message: 'does not name a known variant' }]); // mapped under "kitty"
    expect(errors({ name: 'x' })).toEqual([{ pointer: '/body/kind', message: 'is required' }]);
  });

  it('nested uses (array items) dispatch too; a variant referenced directly is not re-dispatched', () => {
    const owner = validators.compile('json', { $ref: `${S}Owner` });
    expect(errors({ pets: [{ kind: 'dog', name: 'a', barks: false }, { kind: 'dog', name: 'b' }] }, owner)).toEqual([{ pointer: '/body/pets/1/barks', message: 'is required' }]);
    const dog = validators.compile('json', { $ref: `${S}Dog` });
    expect(errors({ kind: 'dog', name: 'Rex', barks: true }, dog)).toEqual([]);
    expect(errors({ kind: 'whatever', name: 'Rex', barks: true }, dog)).toEqual([]); // Dog itself does not fix the tag
    expect(errors({ name: 'Rex', barks: true }, dog)).toEqual([{ pointer: '/body/kind', message: 'is required' }]);
  });

  it('responses and standalone code use the same registry', () => {
    const response = new Validators(definition(pets)).compile('response', { $ref: `${S}Pet` });
    expect(response({ kind: 'dog', name: 'Rex' })).toBe(false);
    const code = new Validators(definition(pets), true).standalone([{ key: 'k', kind: 'json', schema: { $ref: `${S}Pet` } }], '');
    expect(code).toContain('"kitty"');
  });

  it('judgeDiscriminator says why a discriminator is not enforced', () => {
    const context = (schemas: Record<string, any>) => ({ resolve: (ref: string) => schemas[ref], refs: () => Object.keys(schemas) });
    expect(judgeDiscriminator(pets[`${S}Pet`], `${S}Pet`, context(pets))).toEqual({
      kind: 'allOf',
      tag: 'kind',
      variants: [
        { value: 'Bird', ref: `${S}Bird` },
        { value: 'dog', ref: `${S}Dog` },
        { value: 'kitty', ref: `${S}Cat` },
      ],
    });
    const lonely = { type: 'object', discriminator: { propertyName: 'kind' } };
    expect(judgeDiscriminator(lonely, `${S}Lonely`, context({ [`${S}Lonely`]: lonely }))).toEqual({ kind: 'dropped', reason: 'it has no oneOf, and no schema extends it with allOf or is named in its mapping' });
    expect(judgeDiscriminator({ discriminator: { propertyName: 'k', mapping: { a: 'https://x/y.json' } } }, `${S}X`, context({})).kind).toBe('dropped');
    expect(judgeDiscriminator({ anyOf: [], discriminator: { propertyName: 'k' } }, undefined, context({}))).toEqual({ kind: 'dropped', reason: 'ajv enforces discriminators over oneOf only (anyOf still validates)' });
    expect(judgeDiscriminator({ oneOf: [{ type: 'object', properties: { k: { type: 'string' } } }], discriminator: { propertyName: 'k' } }, undefined, context({}))).toEqual({ kind: 'dropped', reason: 'oneOf[0] does not require "k"' });
  });
});
