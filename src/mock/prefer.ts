/**
 * The `Prefer` request header, with Prism's conventions: `code=<status>` picks the documented
 * response, `example=<name>` a named example of it, `dynamic=true` a body generated from the schema
 * even when the spec has an example. Several preferences are separated by `,` or `;`.
 */

export interface Preferences {
  code?: number;
  example?: string;
  dynamic: boolean;
}

const NONE: Preferences = Object.freeze({ dynamic: false });

export function readPrefer(header: string | undefined): Preferences {
  if (!header) return NONE;
  const out: Preferences = { dynamic: false };
  for (const part of header.split(/[,;]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (key === 'code' && /^[1-5]\d\d$/.test(value)) out.code = Number(value);
    else if (key === 'example' && value) out.example = value;
    else if (key === 'dynamic') out.dynamic = value.toLowerCase() === 'true';
  }
  return out;
}
