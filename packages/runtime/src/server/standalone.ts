/**
 * What ajv standalone code `require`s, served from covenant's own dependencies, so generated
 * validators work wherever `covenant/runtime` resolves (no direct ajv dependency in user projects).
 */
import equal from 'ajv/dist/runtime/equal.js';
import ucs2length from 'ajv/dist/runtime/ucs2length.js';
import uri from 'ajv/dist/runtime/uri.js';
import validationError from 'ajv/dist/runtime/validation_error.js';
import { fullFormats, fastFormats, formatNames } from 'ajv-formats/dist/formats.js';
import { specRegExp } from './regexp.js';

/**
 * The `{ default }` shape `require` returns for these modules. Node's ESM gives a CommonJS module's
 * `module.exports` as the default import; bundlers and vite hand over `exports.default` instead.
 */
function commonJs(imported: unknown): unknown {
  return imported && (imported as { __esModule?: boolean }).__esModule ? imported : { default: imported };
}

const modules: Record<string, unknown> = {
  'ajv/dist/runtime/equal': commonJs(equal),
  'ajv/dist/runtime/ucs2length': commonJs(ucs2length),
  'ajv/dist/runtime/uri': commonJs(uri),
  'ajv/dist/runtime/validation_error': commonJs(validationError),
  'ajv-formats/dist/formats': { fullFormats, fastFormats, formatNames },
  'covenant/runtime/regexp': { default: specRegExp },
};

export function standaloneRequire(id: string): unknown {
  const found = modules[id];
  if (found === undefined) throw new Error(`covenant: generated validators need "${id}", which this covenant/runtime does not provide; regenerate with the installed covenant`);
  return found;
}
