/**
 * The one escaping path from spec text to code (src/gen/naming.ts), fuzzed: whatever a spec says,
 * identifiers are valid and unreserved, literals read back as the same string, keys name the same
 * property, and comments cannot be closed from inside.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ts from 'typescript';
import { commentText, docComment, NameScope, propertyKey, stringLiteral, toIdentifier, toTypeName } from '../../src/gen/naming.js';

/** Strings a hostile (or merely international) spec puts in names and descriptions. */
const HOSTILE = [
  '',
  ' ',
  '*/',
  '/*',
  '*/ process.exit(1) /*',
  '${globalThis.pwned=1}',
  '`',
  '"',
  "'",
  '\\',
  '\u2028',
  '\u2029',
  '\r\n',
  '\u0000',
  '</script>',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '123abc',
  '1',
  'class',
  'delete',
  'await',
  'yield',
  'let',
  'enum',
  'eval',
  'arguments',
  'undefined',
  'NaN',
  'default',
  'ünïcödé',
  '名前',
  '😀 emoji',
  'user-id',
  'user_id',
  'userId',
  'UserID',
  'a.b.c',
  '$ref',
  '@type',
  '-',
  '__',
  '\ud800',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: 4 }).map((parts) => parts.join('')),
);

function parseDiagnostics(code: string): string[] {
  const out = ts.transpileModule(code, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, strict: true } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

function sourceFile(code: string): ts.SourceFile {
  return ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

describe('toIdentifier / toTypeName', () => {
  it('always give a plain ASCII identifier that can be declared in strict module code', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const id = toIdentifier(text);
        const type = toTypeName(text);
        expect(id).toMatch(IDENTIFIER);
        expect(type).toMatch(IDENTIFIER);
        expect(type.charAt(0)).toMatch(/[A-Z_$]/);
        expect(parseDiagnostics(`export const ${id} = 1;\nexport type ${type} = string;\nexport function f(${id}: number) { return ${id}; }\n`)).toEqual([]);
        // deterministic
        expect(toIdentifier(text)).toBe(id);
      }),
      { numRuns: 300 },
    );
  });

  it('avoids reserved words, globals that cannot be rebound, and prototype names', () => {
    for (const word of ['class', 'delete', 'await', 'yield', 'let', 'enum', 'eval', 'arguments', 'default', 'new', 'constructor', '__proto__', 'prototype', 'undefined', 'NaN', 'string', 'number', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) {
      expect(toIdentifier(word)).not.toBe(word);
      expect(toTypeName(word).toLowerCase()).not.toBe(word.toLowerCase() === word ? word : '');
    }
    expect(toTypeName('string')).not.toBe('String');
  });

  it('never yields a name every object already has (a generated table keyed by it would find the inherited member)', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        expect(Object.prototype).not.toHaveProperty(toIdentifier(text));
      }),
    );
    for (const name of Object.getOwnPropertyNames(Object.prototype)) expect(Object.prototype).not.toHaveProperty(toIdentifier(name));
  });

  it('keeps ordinary names readable', () => {
    expect(toIdentifier('get-user_by id')).toBe('getUser_byId');
    expect(toIdentifier('listUsers')).toBe('listUsers');
    expect(toIdentifier('ListUsers')).toBe('listUsers');
    expect(toIdentifier('123abc')).toBe('_123abc');
    expect(toIdentifier('')).toBe('value');
    expect(toIdentifier('', 'operation')).toBe('operation');
    expect(toTypeName('user-profile')).toBe('UserProfile');
    expect(toTypeName('2fa')).toBe('T2fa');
  });
});

describe('NameScope', () => {
  it('gives distinct names for names that collide after normalisation, in a stable order', () => {
    fc.assert(
      fc.property(fc.array(hostileString, { maxLength: 20 }), (names) => {
        const scope = new NameScope(['Api']);
        const claimed = names.map((n) => scope.claim(toIdentifier(n)));
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(claimed).not.toContain('Api');
        const again = new NameScope(['Api']);
        expect(names.map((n) => again.claim(toIdentifier(n)))).toEqual(claimed);
      }),
    );
    const scope = new NameScope();
    expect(['user-id', 'user_id', 'userId', 'user id'].map((n) => scope.claim(toIdentifier(n)))).toEqual(['userId', 'user_id', 'userId2', 'userId3']);
  });
});

describe('stringLiteral / propertyKey', () => {
  it('a literal reads back as the same string and contains no line terminator', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const literal = stringLiteral(text);
        expect(JSON.parse(literal)).toBe(text);
        expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(literal.toLowerCase()).not.toContain('</script');
        // and evaluates to the same string as JavaScript
        expect(new Function(`return ${literal};`)()).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('a key names exactly that own property in an object literal, and parses in a type literal', () => {
    fc.assert(
      fc.property(hostileString, fc.integer(), (text, value) => {
        const key = propertyKey(text);
        const object = new Function(`return { ${key}: ${value} };`)() as Record<string, unknown>;
        expect(Object.keys(object)).toEqual([text]);
        expect(object[text]).toBe(value);
        expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
        expect(parseDiagnostics(`export type T = { ${key}?: string };\nexport interface I { ${key}: number }\n`)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('quotes what is not a plain identifier, and never lets __proto__ set the prototype', () => {
    expect(propertyKey('name')).toBe('name');
    expect(propertyKey('user-id')).toBe('"user-id"');
    expect(propertyKey('1')).toBe('"1"');
    const object = new Function(`return { ${propertyKey('__proto__')}: { polluted: true } };`)() as Record<string, unknown>;
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect((object as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('commentText / docComment', () => {
  it('spec text cannot close a doc comment or add code after it', () => {
    fc.assert(
      fc.property(hostileString, fc.constantFrom('', '  '), (text, indent) => {
        const code = `${docComment(text, indent)}${indent}export const x = 1;\n`;
        const file = sourceFile(code);
        expect(file.statements).toHaveLength(1);
        expect(parseDiagnostics(code)).toEqual([]);
        const comment = docComment(text, indent);
        if (comment) {
          expect(comment.startsWith(`${indent}/**`)).toBe(true);
          // exactly one comment terminator: its own
          expect(comment.split('*/')).toHaveLength(2);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the words, one comment line per text line', () => {
    expect(docComment('Lists users.')).toBe('/** Lists users. */\n');
    expect(docComment('a\nb', '  ')).toBe('  /**\n   * a\n   * b\n   */\n');
    expect(docComment('   ')).toBe('');
    expect(docComment(undefined)).toBe('');
    expect(commentText('ends here */ and /* opens')).not.toMatch(/\*\/|\/\*/);
    expect(commentText('a\u2028b\rc')).toBe('a\nb\nc');
  });

  it('a `//` header made from hostile titles stays one line', async () => {
    const { headerFor } = await import('../../src/gen/run.js');
    fc.assert(
      fc.property(hostileString, hostileString, (title, version) => {
        const spec = { kind: 'openapi', file: 'specs/x.yaml', document: { info: { title, version } } } as never;
        const header = headerFor(spec, { name: 'x' } as never);
        expect(header.endsWith('\n')).toBe(true);
        expect(header.slice(0, -1)).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(sourceFile(`${header}export const x = 1;\n`).statements).toHaveLength(1);
      }),
    );
  });
});
