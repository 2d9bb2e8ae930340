/**
 * The OpenAPI loader: multi-file `$ref` bundling (every ref internal afterwards, each node traced
 * back to the file and line it was written in), Swagger 2.0 conversion, 3.0 and 3.1, and the
 * errors a person can act on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadOpenApi, type OpenApiSpec } from '../../../src/spec/openapi/load.js';
import { listOperations } from '../../../src/spec/openapi/operations.js';
import { parseSource } from '../../../src/spec/source.js';
import { UserError } from '../../../src/errors.js';
import { removeScratch, scratch, writeTree } from '../../cli/support.js';

function allRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => allRefs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else allRefs(v, out);
    }
  }
  return out;
}

/** The 1-based line of the first line of `text` that contains `needle` (asserts it exists). */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  expect(index, `"${needle}" in fixture`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

async function loadError(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

const API = `openapi: 3.0.3
info:
  title: Multi
  version: '1'
paths:
  /pets:
    $ref: './paths/pets.yaml'
  /owners/{id}:
    get:
      operationId: getOwner
      parameters:
        - $ref: 'common.yaml#/components/parameters/Id'
      responses:
        '200':
          description: an owner
          content:
            application/json:
              schema:
                $ref: 'common.yaml#/components/schemas/Owner'
        default:
          $ref: 'common.yaml#/components/responses/Problem'
components:
  schemas:
    Pet:
      type: object
      properties:
        local: { type: boolean }
`;

const PATHS_PETS = `get:
  operationId: listPets
  parameters:
    - $ref: '../common.yaml#/components/parameters/Limit'
  responses:
    '200':
      description: pets
      content:
        application/json:
          schema:
            type: array
            items:
              $ref: '../schemas/pet.yaml'
`;

const COMMON = `components:
  parameters:
    Id:
      name: id
      in: path
      required: true
      schema:
        type: string
    Limit:
      name: limit
      in: query
      schema:
        type: integer
        maximum: 100
  schemas:
    Owner:
      type: object
      required: [name]
      properties:
        name:
          type: string
        pets:
          type: array
          items:
            $ref: './schemas/pet.yaml'
        manager:
          $ref: '#/components/schemas/Owner'
    Pet:
      type: string
  responses:
    Problem:
      description: a problem
      content:
        application/problem+json:
          schema:
            type: object
            properties:
              title: { type: string }
`;

const PET = `type: object
required: [name]
properties:
  name:
    type: string
  owner:
    $ref: '../common.yaml#/components/schemas/Owner'
  tags:
    type: array
    items: { type: string }
`;

describe('loadOpenApi: multi-file bundling', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeScratch));

  async function loadMulti(): Promise<{ spec: OpenApiSpec; cwd: string }> {
    const cwd = scratch('load-multi');
    dirs.push(cwd);
    writeTree(cwd, { 'specs/api.yaml': API, 'specs/paths/pets.yaml': PATHS_PETS, 'specs/common.yaml': COMMON, 'specs/schemas/pet.yaml': PET });
    return { spec: await loadOpenApi('specs/api.yaml', { cwd }), cwd };
  }

  it('leaves only internal refs that all resolve', async () => {
    const { spec } = await loadMulti();
    const refs = allRefs(spec.document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      expect(spec.at(ref), ref).toBeDefined();
    }
    expect(spec.files).toEqual(['specs/api.yaml', 'specs/paths/pets.yaml', 'specs/common.yaml', 'specs/schemas/pet.yaml'].filter((f) => spec.files.includes(f)));
    expect([...spec.files].sort()).toEqual(['specs/api.yaml', 'specs/common.yaml', 'specs/paths/pets.yaml', 'specs/schemas/pet.yaml']);
  });

  it('hoists component refs under their own name, renaming on a clash, and places each target once', async () => {
    const { spec } = await loadMulti();
    const schemas = spec.document.components.schemas as Record<string, any>;
    // the root's own Pet stays; the whole-file pet.yaml is named after its file, and clashes with it
    expect(schemas.Pet).toEqual({ type: 'object', properties: { local: { type: 'boolean' } } });
    expect(Object.keys(schemas).sort()).toEqual(['Owner', 'Pet', 'Pet2']);
    expect(schemas.Pet2.required).toEqual(['name']);
    // the same file referenced from two places is one component
    expect(spec.at('/paths/~1pets/get/responses/200/content/application~1json/schema/items')).toEqual({ $ref: '#/components/schemas/Pet2' });
    expect(schemas.Owner.properties.pets.items).toEqual({ $ref: '#/components/schemas/Pet2' });
    // cycles end in a ref to the placed component
    expect(schemas.Owner.properties.manager).toEqual({ $ref: '#/components/schemas/Owner' });
    expect(schemas.Pet2.properties.owner).toEqual({ $ref: '#/components/schemas/Owner' });
    expect(Object.keys(spec.document.components.parameters).sort()).toEqual(['Id', 'Limit']);
    expect(spec.document.components.responses.Problem.description).toBe('a problem');
  });

  it('inlines a path item written in another file', async () => {
    const { spec } = await loadMulti();
    expect(spec.document.paths['/pets'].get.operationId).toBe('listPets');
    const ops = listOperations(spec);
    expect(ops.map((o) => `${o.method} ${o.path} ${o.id}`).sort()).toEqual(['get /owners/{id} getOwner', 'get /pets listPets']);
    const list = ops.find((o) => o.id === 'listPets')!;
    expect(list.parameters.map((p) => [p.name, p.in, p.style, p.explode])).toEqual([['limit', 'query', 'form', true]]);
  });

  it('maps every bundled node back to the file, line and column where it was written', async () => {
    const { spec } = await loadMulti();
    // in the entry file
    expect(spec.locate('/paths/~1owners~1{id}/get/operationId')).toMatchObject({ file: 'specs/api.yaml', line: lineOf(API, 'operationId: getOwner'), column: 7 });
    // inside a path item inlined from paths/pets.yaml
    expect(spec.locate('/paths/~1pets/get/operationId')).toMatchObject({ file: 'specs/paths/pets.yaml', line: 2, column: 3 });
    // inside components hoisted from common.yaml
    expect(spec.locate('/components/schemas/Owner/properties/name/type')).toMatchObject({ file: 'specs/common.yaml', line: lineOf(COMMON, '          type: string'), column: 11 });
    expect(spec.locate('/components/parameters/Limit/schema/maximum')).toMatchObject({ file: 'specs/common.yaml', line: lineOf(COMMON, 'maximum: 100'), column: 9 });
    // inside a whole-file schema
    expect(spec.locate('/components/schemas/Pet2/properties/tags/items')).toMatchObject({ file: 'specs/schemas/pet.yaml', line: lineOf(PET, 'items: { type: string }'), column: 5 });
    // a pointer that does not exist resolves to its nearest written ancestor
    expect(spec.locate('/components/schemas/Owner/properties/nope')).toMatchObject({ file: 'specs/common.yaml', line: lineOf(COMMON, '      properties:'), column: 7 });
    expect(spec.locate('/components/schemas/Owner/properties/nope').pointer).toBe('/components/schemas/Owner/properties/nope');
  });

  it('reads the same bundle from injected text and readFile (as from a git ref)', async () => {
    const { spec, cwd } = await loadMulti();
    const files: Record<string, string> = { 'paths/pets.yaml': PATHS_PETS, 'common.yaml': COMMON, 'schemas/pet.yaml': PET };
    const again = await loadOpenApi('specs/api.yaml', {
      cwd,
      text: API,
      readFile: (abs) => {
        const key = Object.keys(files).find((k) => abs.endsWith(`/specs/${k}`));
        if (!key) throw new UserError('file not found', { position: { file: abs } });
        return files[key]!;
      },
    });
    expect(again.document).toEqual(spec.document);
  });

  it('does not follow $ref inside examples, defaults, enums and extensions', async () => {
    const cwd = scratch('load-examples');
    dirs.push(cwd);
    writeTree(cwd, {
      'a.yaml': `openapi: 3.1.0
info: { title: t, version: '1' }
paths: {}
x-vendor:
  $ref: './nowhere.yaml'
components:
  schemas:
    Doc:
      type: object
      example:
        $ref: './also-nowhere.yaml'
      default:
        $ref: '#/not/here'
      enum:
        - $ref: '#/nope'
`,
    });
    const spec = await loadOpenApi('a.yaml', { cwd });
    expect(spec.document['x-vendor']).toEqual({ $ref: './nowhere.yaml' });
    expect(spec.document.components.schemas.Doc.example).toEqual({ $ref: './also-nowhere.yaml' });
  });

  it('follows refs under names that look like keywords: a `default` response, an `x-` header, a property named `example`', async () => {
    const cwd = scratch('load-names');
    dirs.push(cwd);
    writeTree(cwd, {
      'a.yaml': `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        default:
          $ref: 'b.yaml#/components/responses/Problem'
        '200':
          description: ok
          headers:
            x-request-id:
              $ref: 'b.yaml#/components/headers/RequestId'
          content:
            application/json:
              schema:
                type: object
                properties:
                  example: { $ref: 'b.yaml#/components/schemas/Thing' }
                  enum: { $ref: 'b.yaml#/components/schemas/Thing' }
`,
      'b.yaml': `components:
  responses:
    Problem: { description: problem }
  headers:
    RequestId: { schema: { type: string } }
  schemas:
    Thing: { type: string }
`,
    });
    const spec = await loadOpenApi('a.yaml', { cwd });
    const refs = allRefs(spec.document);
    expect(refs.sort()).toEqual(['#/components/headers/RequestId', '#/components/responses/Problem', '#/components/schemas/Thing', '#/components/schemas/Thing']);
  });

  it('refuses remote refs with a position and a hint', async () => {
    const cwd = scratch('load-remote');
    dirs.push(cwd);
    writeTree(cwd, { 'a.yaml': "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    $ref: 'https://example.com/a.yaml'\n" });
    const error = await loadError(loadOpenApi('a.yaml', { cwd }));
    expect(error.toLine()).toBe('a.yaml:5:5: remote $ref "https://example.com/a.yaml" is not supported (download the referenced file next to the spec and use a relative path)');
  });

  it('names broken refs with the position of the $ref, in the file that holds it', async () => {
    const cwd = scratch('load-broken');
    dirs.push(cwd);
    writeTree(cwd, { 'specs/api.yaml': API, 'specs/paths/pets.yaml': PATHS_PETS.replace('../schemas/pet.yaml', '../schemas/cat.yaml'), 'specs/common.yaml': COMMON, 'specs/schemas/pet.yaml': PET });
    const error = await loadError(loadOpenApi('specs/api.yaml', { cwd }));
    expect(error.toLine()).toBe(`specs/paths/pets.yaml:${lineOf(PATHS_PETS, '$ref: \'../schemas/pet.yaml\'')}:15: broken $ref "../schemas/cat.yaml": specs/schemas/cat.yaml not found (fix the relative path)`);
  });
});

describe('loadOpenApi: versions', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeScratch));

  it('reads 3.0 and 3.1, YAML and JSON', async () => {
    const cwd = scratch('load-versions');
    dirs.push(cwd);
    writeTree(cwd, {
      'a.yaml': "openapi: 3.0.2\ninfo: { title: t, version: '1' }\npaths: {}\n",
      'b.json': JSON.stringify({ openapi: '3.1.1', info: { title: 't', version: '1' }, paths: { '/x': { get: { responses: { 200: { description: 'ok' } } } } } }, null, 2),
      'c.openapi.yml': "openapi: '3.1.0'\ninfo: { title: t, version: '1' }\nwebhooks: {}\n",
    });
    const a = await loadOpenApi('a.yaml', { cwd });
    expect([a.version, a.declaredVersion, a.name]).toEqual(['3.0', '3.0.2', 'a']);
    const b = await loadOpenApi('b.json', { cwd });
    expect([b.version, b.declaredVersion]).toEqual(['3.1', '3.1.1']);
    expect(b.locate('/paths/~1x/get/responses/200')).toMatchObject({ file: 'b.json', line: 11, column: 11 });
    const c = await loadOpenApi('c.openapi.yml', { cwd });
    expect([c.version, c.name]).toEqual(['3.1', 'c']);
  });

  it('converts Swagger 2.0 to OpenAPI 3.0 (definitions, body and formData parameters)', async () => {
    const cwd = scratch('load-swagger');
    dirs.push(cwd);
    writeTree(cwd, {
      'petstore.swagger.yaml': `swagger: '2.0'
info: { title: Petstore, version: '1' }
host: example.com
basePath: /v1
schemes: [https]
consumes: [application/json]
produces: [application/json]
paths:
  /pets:
    post:
      operationId: addPet
      parameters:
        - in: body
          name: body
          required: true
          schema: { $ref: '#/definitions/Pet' }
      responses:
        '200':
          description: ok
          schema: { $ref: '#/definitions/Pet' }
  /pets/{id}/photo:
    post:
      operationId: uploadPhoto
      consumes: [multipart/form-data]
      parameters:
        - { in: path, name: id, required: true, type: integer, format: int64 }
        - { in: formData, name: file, type: file }
        - { in: query, name: tags, type: array, items: { type: string }, collectionFormat: csv }
      responses:
        '204': { description: done }
definitions:
  Pet:
    type: object
    required: [name]
    properties:
      name: { type: string }
      id: { type: integer, format: int64 }
`,
    });
    const spec = await loadOpenApi('petstore.swagger.yaml', { cwd });
    expect([spec.version, spec.declaredVersion, spec.name]).toEqual(['3.0', '2.0', 'petstore']);
    expect(spec.document.openapi).toMatch(/^3\.0\./);
    expect(spec.document.servers).toEqual([{ url: 'https://example.com/v1' }]);
    expect(spec.document.components.schemas.Pet.required).toEqual(['name']);
    for (const ref of allRefs(spec.document)) expect(spec.at(ref), ref).toBeDefined();
    const ops = listOperations(spec);
    const add = ops.find((o) => o.id === 'addPet')!;
    expect(Object.keys(add.requestBody!.content)).toEqual(['application/json']);
    const upload = ops.find((o) => o.id === 'uploadPhoto')!;
    expect(Object.keys(upload.requestBody!.content)).toEqual(['multipart/form-data']);
    const tags = upload.parameters.find((p) => p.name === 'tags')!;
    expect([tags.style, tags.explode]).toEqual(['form', false]);
    // positions of a converted spec name the file
    expect(spec.locate('/paths/~1pets/post').file).toBe('petstore.swagger.yaml');
  });

  it('bundles external refs of a Swagger 2.0 spec too', async () => {
    const cwd = scratch('load-swagger-ext');
    dirs.push(cwd);
    writeTree(cwd, {
      'api.yaml': `swagger: '2.0'
info: { title: Split, version: '1' }
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          schema:
            type: array
            items: { $ref: 'definitions.yaml#/Pet' }
`,
      'definitions.yaml': 'Pet:\n  type: object\n  properties:\n    name: { type: string }\n',
    });
    const spec = await loadOpenApi('api.yaml', { cwd });
    for (const ref of allRefs(spec.document)) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      expect(spec.at(ref), ref).toBeDefined();
    }
  });

  it('refuses what it cannot read, naming the place', async () => {
    const cwd = scratch('load-refuse');
    dirs.push(cwd);
    writeTree(cwd, {
      'v4.yaml': "info: { title: t }\nopenapi: 4.0.0\n",
      'v2x.yaml': "swagger: '1.2'\n",
      'none.yaml': 'title: x\n',
      'scalar.yaml': 'just text\n',
    });
    expect((await loadError(loadOpenApi('v4.yaml', { cwd }))).toLine()).toMatch(/^v4\.yaml:2:1: unsupported OpenAPI version "4\.0\.0"/);
    expect((await loadError(loadOpenApi('v2x.yaml', { cwd }))).toLine()).toMatch(/^v2x\.yaml:1:1: unsupported Swagger version "1\.2"/);
    expect((await loadError(loadOpenApi('none.yaml', { cwd }))).toLine()).toMatch(/^none\.yaml:1:1: not an OpenAPI document/);
    expect((await loadError(loadOpenApi('scalar.yaml', { cwd }))).toLine()).toMatch(/^scalar\.yaml:1:1: not an OpenAPI document/);
    expect((await loadError(loadOpenApi('missing.yaml', { cwd }))).toLine()).toBe('missing.yaml: file not found');
    expect((await loadError(loadOpenApi('.', { cwd }))).toLine()).toMatch(/is a folder, not a spec file/);
  });
});

describe('parseSource: JSON syntax errors', () => {
  const cases: Array<[string, string]> = [
    ['{"a": }', '1:7'],
    ['{"a": 1,}', '1:9'],
    ['{"a" 1}', '1:6'],
    ['{\n  "a": [1,\n   2 3]}', '3:6'],
    ['{"a": tru}', '1:10'],
    ['{"a": "x', '1:9'],
    ['{"a": 1} x', '1:10'],
    ['{"a": 01}', '1:8'],
    ['{"a": "\u0001"}', '1:8'],
  ];
  for (const [text, at] of cases) {
    it(`${JSON.stringify(text)} → ${at}, one line`, () => {
      let line = '';
      try {
        parseSource('x.json', text);
      } catch (error) {
        line = (error as UserError).toLine();
      }
      expect(line).toMatch(new RegExp(`^x\\.json:${at}: invalid JSON: [^\\n]+ \\(fix the JSON syntax at that position\\)$`));
    });
  }
});
