/**
 * The regular expressions of schema `pattern`s. ajv compiles them with the `u` flag, which rejects
 * escapes that plain ECMA-262 accepts and specs use (`\ `, `\-` outside classes, ...); such a pattern
 * is compiled without `u` instead of failing the whole server. `code` is how ajv standalone code
 * refers to this function (served by standaloneRequire).
 */
export function specRegExp(pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    if (!flags.includes('u')) throw error;
    return new RegExp(pattern, flags.replace('u', ''));
  }
}
specRegExp.code = 'require("covenant/runtime/regexp").default';
