/**
 * One fixture folder per rule (fixtures/<case>/{base,revision}.yaml) and one table: the EXACT set of
 * findings (rule, level, file and line) each pair produces. Cases named `refactor-*` change how the spec is
 * written but not what it accepts or returns: they must produce nothing.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';
import { diffOpenApi, OPENAPI_RULES, type OpenApiDiffOptions } from '../../../src/breaking/openapi/index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const TODAY = '2026-11-25';

async function diffCase(name: string, options: OpenApiDiffOptions = {}) {
  const base = await loadOpenApi(join(FIXTURES, name, 'base.yaml'), { name, cwd: FIXTURES });
  const revision = await loadOpenApi(join(FIXTURES, name, 'revision.yaml'), { name, cwd: FIXTURES });
  return diffOpenApi(base, revision, { today: TODAY, ...options });
}

/** `rule level side:line`, side = the file the location points into. */
function summary(findings: Awaited<ReturnType<typeof diffCase>>): string[] {
  return findings.map((f) => `${f.rule} ${f.level} ${f.location!.file.split('/').pop()!.replace('.yaml', '')}:${f.location!.line}`).sort();
}

const CASES: Array<{ name: string; options?: OpenApiDiffOptions; expected: string[] }> = [
  { name: 'api-deprecated-sunset-missing', options: { deprecationDaysStable: 90 }, expected: ['api-deprecated-sunset-missing error revision:7'] },
  { name: 'api-deprecated-sunset-parse', expected: ['api-deprecated-sunset-parse error revision:7'] },
  { name: 'api-invalid-stability-level', expected: ['api-invalid-stability-level error revision:7'] },
  { name: 'api-operation-id-removed', expected: ['api-operation-id-removed info base:8'] },
  { name: 'api-path-removed-before-sunset', expected: ['api-path-removed-before-sunset error base:13'] },
  { name: 'api-path-removed-with-deprecation', expected: ['api-path-removed-with-deprecation info base:13'] },
  { name: 'api-path-removed-without-deprecation', expected: ['api-path-removed-without-deprecation error base:13'] },
  { name: 'api-path-sunset-parse', expected: ['api-path-sunset-parse error base:13'] },
  { name: 'api-removed-before-sunset', expected: ['api-removed-before-sunset error base:11'] },
  { name: 'api-removed-with-deprecation', expected: ['api-removed-with-deprecation info base:11'] },
  { name: 'api-removed-without-deprecation', expected: ['api-removed-without-deprecation error base:11'] },
  { name: 'api-schema-removed', expected: ['api-schema-removed info base:20'] },
  { name: 'api-security-component-oauth-scope-removed', expected: ['api-security-component-oauth-scope-removed info base:27'] },
  { name: 'api-security-removed', expected: ['api-security-removed info base:10'] },
  { name: 'api-security-scope-added', expected: ['api-security-scope-added info revision:10'] },
  { name: 'api-stability-decreased', expected: ['api-stability-decreased error revision:7'] },
  { name: 'api-sunset-date-changed-too-small', options: { deprecationDaysStable: 90 }, expected: ['api-sunset-date-changed-too-small error revision:7'] },
  { name: 'api-sunset-date-too-small', options: { deprecationDaysStable: 90 }, expected: ['api-sunset-date-too-small error revision:7'] },
  { name: 'draft-endpoint-removed', expected: [] },
  { name: 'endpoint-added', expected: ['endpoint-added info revision:13'] },
  { name: 'endpoint-deprecated', expected: ['endpoint-deprecated info revision:7'] },
  { name: 'new-optional-request-parameter', expected: ['new-optional-request-parameter info revision:15'] },
  { name: 'new-request-path-parameter', expected: ['new-request-path-parameter error revision:10'] },
  { name: 'new-required-request-default-parameter-to-existing-path', expected: ['new-required-request-default-parameter-to-existing-path error revision:8'] },
  { name: 'new-required-request-header-property', expected: ['new-required-request-header-property error revision:23'] },
  { name: 'new-required-request-parameter', expected: ['new-required-request-parameter error revision:15'] },
  { name: 'new-required-request-property', expected: ['new-required-request-property error revision:19'] },
  { name: 'new-required-request-property-with-default', expected: ['new-required-request-property-with-default error revision:19'] },
  { name: 'optional-response-header-removed', expected: ['optional-response-header-removed warning base:19'] },
  { name: 'request-body-added-required', expected: ['request-body-added-required error revision:9'] },
  { name: 'request-body-any-of-removed', expected: ['request-body-any-of-removed error base:17'] },
  { name: 'request-body-became-enum', expected: ['request-body-became-enum error revision:15'] },
  { name: 'request-body-became-not-nullable', expected: ['request-body-became-not-nullable error revision:13'] },
  { name: 'request-body-became-required', expected: ['request-body-became-required error revision:10'] },
  { name: 'request-body-const-added', expected: ['request-body-const-added error revision:13'] },
  { name: 'request-body-const-changed', expected: ['request-body-const-changed error revision:13'] },
  { name: 'request-body-contains-added', expected: ['request-body-contains-added error revision:15'] },
  { name: 'request-body-content-encoding-changed', expected: ['request-body-content-encoding-changed error revision:13'] },
  { name: 'request-body-content-media-type-changed', expected: ['request-body-content-media-type-changed error revision:13'] },
  { name: 'request-body-content-schema-added', expected: ['request-body-content-schema-added error revision:16'] },
  { name: 'request-body-dependent-required-added', expected: ['request-body-dependent-required-added error revision:15'] },
  { name: 'request-body-dependent-required-changed', expected: ['request-body-dependent-required-changed error revision:15'] },
  { name: 'request-body-dependent-schema-added', expected: ['request-body-dependent-schema-added error revision:15'] },
  { name: 'request-body-else-added', expected: ['request-body-else-added error revision:15'] },
  { name: 'request-body-enum-value-removed', expected: ['request-body-enum-value-removed error base:15'] },
  { name: 'request-body-exclusive-max-decreased', expected: ['request-body-exclusive-max-decreased error revision:13'] },
  { name: 'request-body-exclusive-max-set', expected: ['request-body-exclusive-max-set warning revision:13'] },
  { name: 'request-body-exclusive-min-increased', expected: ['request-body-exclusive-min-increased error revision:13'] },
  { name: 'request-body-exclusive-min-set', expected: ['request-body-exclusive-min-set warning revision:13'] },
  { name: 'request-body-if-added', expected: ['request-body-if-added error revision:15'] },
  { name: 'request-body-list-of-types-narrowed', expected: ['request-body-list-of-types-narrowed error revision:13'] },
  { name: 'request-body-max-contains-decreased', expected: ['request-body-max-contains-decreased error revision:13'] },
  { name: 'request-body-max-decreased', expected: ['request-body-max-decreased error revision:13'] },
  { name: 'request-body-max-length-decreased', expected: ['request-body-max-length-decreased error revision:13'] },
  { name: 'request-body-max-length-set', expected: ['request-body-max-length-set warning revision:13'] },
  { name: 'request-body-max-set', expected: ['request-body-max-set warning revision:13'] },
  { name: 'request-body-media-type-removed', expected: ['request-body-media-type-removed error base:15'] },
  { name: 'request-body-media-type-schema-added', expected: ['request-body-media-type-schema-added error revision:13'] },
  { name: 'request-body-min-contains-increased', expected: ['request-body-min-contains-increased error revision:13'] },
  { name: 'request-body-min-increased', expected: ['request-body-min-increased error revision:13'] },
  { name: 'request-body-min-items-increased', expected: ['request-body-min-items-increased error revision:13'] },
  { name: 'request-body-min-items-set', expected: ['request-body-min-items-set warning revision:13'] },
  { name: 'request-body-min-length-increased', expected: ['request-body-min-length-increased error revision:13'] },
  { name: 'request-body-min-set', expected: ['request-body-min-set warning revision:13'] },
  { name: 'request-body-one-of-removed', expected: ['request-body-one-of-removed error base:17'] },
  { name: 'request-body-pattern-property-added', expected: ['request-body-pattern-property-added error revision:15'] },
  { name: 'request-body-prefix-items-removed', expected: ['request-body-prefix-items-removed error base:15'] },
  { name: 'request-body-property-names-added', expected: ['request-body-property-names-added error revision:15'] },
  { name: 'request-body-removed', expected: ['request-body-removed error base:9'] },
  { name: 'request-body-then-added', expected: ['request-body-then-added error revision:15'] },
  { name: 'request-body-type-changed', expected: ['request-body-type-changed error revision:13'] },
  { name: 'request-body-unevaluated-items-added', expected: ['request-body-unevaluated-items-added error revision:15'] },
  { name: 'request-body-unevaluated-properties-added', expected: ['request-body-unevaluated-properties-added error revision:15'] },
  { name: 'request-body-wrapped-in-one-of', expected: ['request-body-wrapped-in-one-of error revision:14'] },
  { name: 'request-header-parameter-removed', expected: ['request-parameter-removed warning base:15'] },
  { name: 'request-header-property-became-enum', expected: ['request-header-property-became-enum error revision:22'] },
  { name: 'request-header-property-became-required', expected: ['request-header-property-became-required error revision:21'] },
  { name: 'request-one-of-collapsed-to-one-alternative', expected: ['request-property-one-of-removed error base:19'] },
  { name: 'request-parameter-became-enum', expected: ['request-parameter-became-enum error revision:20'] },
  { name: 'request-parameter-became-not-nullable', expected: ['request-parameter-became-not-nullable error revision:18'] },
  { name: 'request-parameter-became-required', expected: ['request-parameter-became-required error revision:17'] },
  { name: 'request-parameter-default-value-added', expected: ['request-parameter-default-value-added error revision:18'] },
  { name: 'request-parameter-default-value-changed', expected: ['request-parameter-default-value-changed error revision:18'] },
  { name: 'request-parameter-default-value-removed', expected: ['request-parameter-default-value-removed error revision:18'] },
  { name: 'request-parameter-deprecated-sunset-missing', options: { deprecationDaysStable: 90 }, expected: ['request-parameter-deprecated-sunset-missing error revision:15'] },
  { name: 'request-parameter-enum-value-removed', expected: ['request-parameter-enum-value-removed error base:20'] },
  { name: 'request-parameter-exclusive-max-decreased', expected: ['request-parameter-exclusive-max-decreased error revision:18'] },
  { name: 'request-parameter-exclusive-max-set', expected: ['request-parameter-exclusive-max-set warning revision:18'] },
  { name: 'request-parameter-exclusive-min-increased', expected: ['request-parameter-exclusive-min-increased error revision:18'] },
  { name: 'request-parameter-exclusive-min-set', expected: ['request-parameter-exclusive-min-set warning revision:18'] },
  { name: 'request-parameter-explode-changed', expected: ['request-parameter-explode-changed error revision:15'] },
  { name: 'request-parameter-list-of-types-narrowed', expected: ['request-parameter-list-of-types-narrowed error revision:18'] },
  { name: 'request-parameter-max-decreased', expected: ['request-parameter-max-decreased error revision:18'] },
  { name: 'request-parameter-max-items-decreased', expected: ['request-parameter-max-items-decreased error revision:18'] },
  { name: 'request-parameter-max-length-decreased', expected: ['request-parameter-max-length-decreased error revision:18'] },
  { name: 'request-parameter-max-length-set', expected: ['request-parameter-max-length-set warning revision:18'] },
  { name: 'request-parameter-max-set', expected: ['request-parameter-max-set warning revision:18'] },
  { name: 'request-parameter-min-increased', expected: ['request-parameter-min-increased error revision:18'] },
  { name: 'request-parameter-min-items-increased', expected: ['request-parameter-min-items-increased error revision:18'] },
  { name: 'request-parameter-min-items-set', expected: ['request-parameter-min-items-set warning revision:18'] },
  { name: 'request-parameter-min-length-increased', expected: ['request-parameter-min-length-increased error revision:18'] },
  { name: 'request-parameter-min-set', expected: ['request-parameter-min-set warning revision:18'] },
  { name: 'request-parameter-pattern-added', expected: ['request-parameter-pattern-added error revision:18'] },
  { name: 'request-parameter-pattern-changed', expected: ['request-parameter-pattern-changed warning revision:18'] },
  { name: 'request-parameter-property-became-not-nullable', expected: ['request-parameter-property-became-not-nullable error revision:22'] },
  { name: 'request-parameter-property-enum-value-removed', expected: ['request-parameter-property-enum-value-removed error base:24'] },
  { name: 'request-parameter-property-list-of-types-narrowed', expected: ['request-parameter-property-list-of-types-narrowed error revision:22'] },
  { name: 'request-parameter-property-type-changed', expected: ['request-parameter-property-type-changed warning revision:22'] },
  { name: 'request-parameter-property-type-specialized', expected: ['request-parameter-property-type-specialized error revision:22'] },
  { name: 'request-parameter-removed', expected: ['request-parameter-removed warning base:15'] },
  { name: 'request-parameter-removed-before-sunset', expected: ['request-parameter-removed-before-sunset error base:15'] },
  { name: 'request-parameter-removed-with-deprecation', expected: ['request-parameter-removed-with-deprecation info base:15'] },
  { name: 'request-parameter-style-changed', expected: ['request-parameter-style-changed error revision:15'] },
  { name: 'request-parameter-sunset-date-changed-too-small', options: { deprecationDaysStable: 90 }, expected: ['request-parameter-sunset-date-changed-too-small error revision:15'] },
  { name: 'request-parameter-sunset-date-too-small', options: { deprecationDaysStable: 90 }, expected: ['request-parameter-sunset-date-too-small error revision:15'] },
  { name: 'request-parameter-sunset-deleted', expected: ['request-parameter-sunset-deleted error revision:15'] },
  { name: 'request-parameter-sunset-parse', expected: ['request-parameter-sunset-parse error base:15'] },
  { name: 'request-parameter-type-changed', expected: ['request-parameter-type-changed error revision:18'] },
  { name: 'request-parameter-x-extensible-enum-value-removed', expected: ['request-parameter-x-extensible-enum-value-removed error base:20'] },
  { name: 'request-property-additional-properties-disallowed', expected: ['request-property-additional-properties-disallowed warning revision:13'] },
  { name: 'request-property-any-of-removed', expected: ['request-property-any-of-removed error base:20'] },
  { name: 'request-property-became-enum', expected: ['request-property-became-enum error revision:18'] },
  { name: 'request-property-became-not-nullable', expected: ['request-property-became-not-nullable error revision:16'] },
  { name: 'request-property-became-required', expected: ['request-property-became-required error revision:17'] },
  { name: 'request-property-became-required-with-default', expected: ['request-property-became-required-with-default error revision:17'] },
  { name: 'request-property-const-added', expected: ['request-property-const-added error revision:16'] },
  { name: 'request-property-const-changed', expected: ['request-property-const-changed error revision:16'] },
  { name: 'request-property-contains-added', expected: ['request-property-contains-added error revision:18'] },
  { name: 'request-property-content-encoding-changed', expected: ['request-property-content-encoding-changed error revision:16'] },
  { name: 'request-property-content-media-type-changed', expected: ['request-property-content-media-type-changed error revision:16'] },
  { name: 'request-property-content-schema-added', expected: ['request-property-content-schema-added error revision:19'] },
  { name: 'request-property-dependent-required-added', expected: ['request-property-dependent-required-added error revision:18'] },
  { name: 'request-property-dependent-required-changed', expected: ['request-property-dependent-required-changed error revision:18'] },
  { name: 'request-property-dependent-schema-added', expected: ['request-property-dependent-schema-added error revision:18'] },
  { name: 'request-property-deprecated-sunset-invalid', expected: ['request-property-deprecated-sunset-invalid error revision:16'] },
  { name: 'request-property-deprecated-sunset-missing', options: { deprecationDaysStable: 90 }, expected: ['request-property-deprecated-sunset-missing error revision:16'] },
  { name: 'request-property-else-added', expected: ['request-property-else-added error revision:18'] },
  { name: 'request-property-enum-value-removed', expected: ['request-property-enum-value-removed error base:18'] },
  { name: 'request-property-exclusive-max-decreased', expected: ['request-property-exclusive-max-decreased error revision:16'] },
  { name: 'request-property-exclusive-max-set', expected: ['request-property-exclusive-max-set warning revision:16'] },
  { name: 'request-property-exclusive-min-increased', expected: ['request-property-exclusive-min-increased error revision:16'] },
  { name: 'request-property-exclusive-min-set', expected: ['request-property-exclusive-min-set warning revision:16'] },
  { name: 'request-property-if-added', expected: ['request-property-if-added error revision:18'] },
  { name: 'request-property-list-of-types-narrowed', expected: ['request-property-list-of-types-narrowed error revision:16'] },
  { name: 'request-property-max-contains-decreased', expected: ['request-property-max-contains-decreased error revision:16'] },
  { name: 'request-property-max-decreased', expected: ['request-property-max-decreased error revision:16'] },
  { name: 'request-property-max-length-decreased', expected: ['request-property-max-length-decreased error revision:16'] },
  { name: 'request-property-max-length-set', expected: ['request-property-max-length-set warning revision:16'] },
  { name: 'request-property-max-set', expected: ['request-property-max-set warning revision:16'] },
  { name: 'request-property-min-contains-increased', expected: ['request-property-min-contains-increased error revision:16'] },
  { name: 'request-property-min-increased', expected: ['request-property-min-increased error revision:16'] },
  { name: 'request-property-min-items-increased', expected: ['request-property-min-items-increased error revision:16'] },
  { name: 'request-property-min-items-set', expected: ['request-property-min-items-set warning revision:16'] },
  { name: 'request-property-min-length-increased', expected: ['request-property-min-length-increased error revision:16'] },
  { name: 'request-property-min-set', expected: ['request-property-min-set warning revision:16'] },
  { name: 'request-property-one-of-removed', expected: ['request-property-one-of-removed error base:28'] },
  { name: 'request-property-pattern-added', expected: ['request-property-pattern-added error revision:16'] },
  { name: 'request-property-pattern-changed', expected: ['request-property-pattern-changed warning revision:16'] },
  { name: 'request-property-pattern-property-added', expected: ['request-property-pattern-property-added error revision:18'] },
  { name: 'request-property-prefix-items-removed', expected: ['request-property-prefix-items-removed error base:18'] },
  { name: 'request-property-property-names-added', expected: ['request-property-property-names-added error revision:18'] },
  { name: 'request-property-removed', expected: ['request-property-removed warning base:18'] },
  { name: 'request-property-stability-decreased', expected: ['request-property-stability-decreased error revision:16'] },
  { name: 'request-property-sunset-date-too-small', options: { deprecationDaysStable: 90 }, expected: ['request-property-sunset-date-too-small error revision:16'] },
  { name: 'request-property-then-added', expected: ['request-property-then-added error revision:18'] },
  { name: 'request-property-type-changed', expected: ['request-property-type-changed error revision:16'] },
  { name: 'request-property-type-generalized', expected: ['request-property-type-generalized info revision:16'] },
  { name: 'request-property-unevaluated-items-added', expected: ['request-property-unevaluated-items-added error revision:18'] },
  { name: 'request-property-unevaluated-properties-added', expected: ['request-property-unevaluated-properties-added error revision:18'] },
  { name: 'request-property-x-extensible-enum-value-removed', expected: ['request-property-x-extensible-enum-value-removed error base:18'] },
  { name: 'required-response-header-removed', expected: ['required-response-header-removed error base:19'] },
  { name: 'response-became-one-of-with-changed-alternative', expected: ['response-property-type-changed error revision:28', 'response-property-one-of-added error revision:30'] },
  { name: 'response-body-became-nullable', expected: ['response-body-became-nullable error revision:20'] },
  { name: 'response-body-const-changed', expected: ['response-body-const-changed error revision:20'] },
  { name: 'response-body-const-removed', expected: ['response-body-const-removed error base:20'] },
  { name: 'response-body-contains-removed', expected: ['response-body-contains-removed error base:22'] },
  { name: 'response-body-content-encoding-changed', expected: ['response-body-content-encoding-changed error revision:20'] },
  { name: 'response-body-content-media-type-changed', expected: ['response-body-content-media-type-changed error revision:20'] },
  { name: 'response-body-content-schema-removed', expected: ['response-body-content-schema-removed error base:23'] },
  { name: 'response-body-dependent-required-changed', expected: ['response-body-dependent-required-changed error revision:22'] },
  { name: 'response-body-dependent-required-removed', expected: ['response-body-dependent-required-removed error base:22'] },
  { name: 'response-body-dependent-schema-removed', expected: ['response-body-dependent-schema-removed error base:22'] },
  { name: 'response-body-else-removed', expected: ['response-body-else-removed error base:22'] },
  { name: 'response-body-exclusive-max-increased', expected: ['response-body-exclusive-max-increased error revision:20'] },
  { name: 'response-body-exclusive-min-decreased', expected: ['response-body-exclusive-min-decreased error revision:20'] },
  { name: 'response-body-if-removed', expected: ['response-body-if-removed error base:22'] },
  { name: 'response-body-list-of-types-widened', expected: ['response-body-list-of-types-widened error revision:20'] },
  { name: 'response-body-max-contains-increased', expected: ['response-body-max-contains-increased error revision:20'] },
  { name: 'response-body-max-increased', expected: ['response-body-max-increased error revision:20'] },
  { name: 'response-body-max-length-increased', expected: ['response-body-max-length-increased error revision:20'] },
  { name: 'response-body-max-length-unset', expected: ['response-body-max-length-unset error revision:20'] },
  { name: 'response-body-media-type-schema-removed', expected: ['response-body-media-type-schema-removed warning base:20'] },
  { name: 'response-body-min-contains-decreased', expected: ['response-body-min-contains-decreased error revision:20'] },
  { name: 'response-body-min-decreased', expected: ['response-body-min-decreased error revision:20'] },
  { name: 'response-body-min-items-decreased', expected: ['response-body-min-items-decreased error revision:20'] },
  { name: 'response-body-min-items-unset', expected: ['response-body-min-items-unset error revision:20'] },
  { name: 'response-body-min-length-decreased', expected: ['response-body-min-length-decreased error revision:20'] },
  { name: 'response-body-one-of-added', expected: ['response-body-one-of-added error revision:26'] },
  { name: 'response-body-pattern-property-removed', expected: ['response-body-pattern-property-removed error base:22'] },
  { name: 'response-body-prefix-items-added', expected: ['response-body-prefix-items-added error revision:22'] },
  { name: 'response-body-property-names-removed', expected: ['response-body-property-names-removed error base:22'] },
  { name: 'response-body-then-removed', expected: ['response-body-then-removed error base:22'] },
  { name: 'response-body-type-changed', expected: ['response-body-type-changed error revision:20'] },
  { name: 'response-body-type-generalized', expected: ['response-body-type-generalized error revision:20'] },
  { name: 'response-body-unevaluated-items-removed', expected: ['response-body-unevaluated-items-removed error base:22'] },
  { name: 'response-body-unevaluated-properties-removed', expected: ['response-body-unevaluated-properties-removed error base:22'] },
  { name: 'response-body-wrapped-in-one-of', expected: ['response-body-wrapped-in-one-of error revision:21'] },
  { name: 'response-header-became-nullable', expected: ['response-header-became-nullable error revision:20'] },
  { name: 'response-header-became-optional', expected: ['response-header-became-optional error revision:19'] },
  { name: 'response-header-type-changed', expected: ['response-header-type-changed error revision:20'] },
  { name: 'response-header-type-generalized', expected: ['response-header-type-generalized error revision:20'] },
  { name: 'response-media-type-name-generalized', expected: ['response-media-type-name-generalized error revision:19'] },
  { name: 'response-media-type-removed', expected: ['response-media-type-removed error base:22'] },
  { name: 'response-nested-property-removed', expected: ['response-required-property-removed error base:28'] },
  { name: 'response-optional-property-removed', expected: ['response-optional-property-removed warning base:25'] },
  { name: 'response-property-became-nullable', expected: ['response-property-became-nullable error revision:23'] },
  { name: 'response-property-became-optional', expected: ['response-property-became-optional error revision:23'] },
  { name: 'response-property-const-changed', expected: ['response-property-const-changed error revision:23'] },
  { name: 'response-property-const-removed', expected: ['response-property-const-removed error base:23'] },
  { name: 'response-property-contains-removed', expected: ['response-property-contains-removed error base:25'] },
  { name: 'response-property-content-encoding-changed', expected: ['response-property-content-encoding-changed error revision:23'] },
  { name: 'response-property-content-media-type-changed', expected: ['response-property-content-media-type-changed error revision:23'] },
  { name: 'response-property-content-schema-removed', expected: ['response-property-content-schema-removed error base:26'] },
  { name: 'response-property-dependent-required-changed', expected: ['response-property-dependent-required-changed error revision:25'] },
  { name: 'response-property-dependent-required-removed', expected: ['response-property-dependent-required-removed error base:25'] },
  { name: 'response-property-dependent-schema-removed', expected: ['response-property-dependent-schema-removed error base:25'] },
  { name: 'response-property-deprecated-sunset-invalid', expected: ['response-property-deprecated-sunset-invalid error revision:23'] },
  { name: 'response-property-deprecated-sunset-missing', options: { deprecationDaysStable: 90 }, expected: ['response-property-deprecated-sunset-missing error revision:23'] },
  { name: 'response-property-discriminator-mapping-deleted', expected: ['response-property-discriminator-mapping-deleted info base:25'] },
  { name: 'response-property-else-removed', expected: ['response-property-else-removed error base:25'] },
  { name: 'response-property-enum-value-added', expected: ['response-property-enum-value-added warning revision:25'] },
  { name: 'response-property-exclusive-max-increased', expected: ['response-property-exclusive-max-increased error revision:23'] },
  { name: 'response-property-exclusive-min-decreased', expected: ['response-property-exclusive-min-decreased error revision:23'] },
  { name: 'response-property-if-removed', expected: ['response-property-if-removed error base:25'] },
  { name: 'response-property-items-type-changed', expected: ['response-property-type-changed error revision:25'] },
  { name: 'response-property-list-of-types-widened', expected: ['response-property-list-of-types-widened error revision:23'] },
  { name: 'response-property-max-contains-increased', expected: ['response-property-max-contains-increased error revision:23'] },
  { name: 'response-property-max-increased', expected: ['response-property-max-increased error revision:23'] },
  { name: 'response-property-max-length-increased', expected: ['response-property-max-length-increased error revision:23'] },
  { name: 'response-property-max-length-unset', expected: ['response-property-max-length-unset error revision:23'] },
  { name: 'response-property-min-contains-decreased', expected: ['response-property-min-contains-decreased error revision:23'] },
  { name: 'response-property-min-decreased', expected: ['response-property-min-decreased error revision:23'] },
  { name: 'response-property-min-items-decreased', expected: ['response-property-min-items-decreased error revision:23'] },
  { name: 'response-property-min-items-unset', expected: ['response-property-min-items-unset error revision:23'] },
  { name: 'response-property-min-length-decreased', expected: ['response-property-min-length-decreased error revision:23'] },
  { name: 'response-property-one-of-added', expected: ['response-property-one-of-added error revision:27'] },
  { name: 'response-property-pattern-property-removed', expected: ['response-property-pattern-property-removed error base:25'] },
  { name: 'response-property-prefix-items-added', expected: ['response-property-prefix-items-added error revision:25'] },
  { name: 'response-property-property-names-removed', expected: ['response-property-property-names-removed error base:25'] },
  { name: 'response-property-stability-decreased', expected: ['response-property-stability-decreased error revision:23'] },
  { name: 'response-property-sunset-date-too-small', options: { deprecationDaysStable: 90 }, expected: ['response-property-sunset-date-too-small error revision:23'] },
  { name: 'response-property-then-removed', expected: ['response-property-then-removed error base:25'] },
  { name: 'response-property-type-changed', expected: ['response-property-type-changed error revision:23'] },
  { name: 'response-property-type-generalized', expected: ['response-property-type-generalized error revision:23'] },
  { name: 'response-property-type-specialized', expected: ['response-property-type-specialized info revision:23'] },
  { name: 'response-property-unevaluated-items-removed', expected: ['response-property-unevaluated-items-removed error base:25'] },
  { name: 'response-property-unevaluated-properties-removed', expected: ['response-property-unevaluated-properties-removed error base:25'] },
  { name: 'response-required-property-became-not-write-only', expected: ['response-required-property-became-not-write-only warning revision:24'] },
  { name: 'response-required-property-removed', expected: ['response-required-property-removed error base:26'] },
  { name: 'response-success-status-removed', expected: ['response-success-status-removed error base:16'] },
  { name: 'schema-depth-limit', expected: ['schema-depth-limit warning revision:791'] },
  { name: 'sunset-deleted', expected: ['sunset-deleted error revision:7'] },
  { name: 'webhook-removed', expected: ['webhook-removed error base:19'] },
];

describe('OpenAPI breaking rules: one fixture pair per rule', () => {
  it('covers every fixture folder with a table row', () => {
    const folders = readdirSync(FIXTURES).filter((name) => !name.startsWith('refactor-')).sort();
    expect(CASES.map((c) => c.name).sort()).toEqual(folders);
  });

  it('has a case producing every error and warning rule', () => {
    const produced = new Set(CASES.flatMap((c) => c.expected.map((e) => e.split(' ')[0])));
    const missing = OPENAPI_RULES.filter((r) => r.level !== 'info' && !produced.has(r.id)).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const findings = await diffCase(c.name, c.options);
      expect(summary(findings)).toEqual([...c.expected].sort());
      for (const f of findings) {
        expect(f.spec).toBe(c.name);
        expect(f.message.length).toBeGreaterThan(10);
        if (f.rule !== 'api-schema-removed' && !f.rule.startsWith('webhook-') && !f.rule.startsWith('api-security-component')) {
          expect(f.operation).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \//);
        }
      }
    });
  }
});

describe('OpenAPI refactors that accept the same values produce no findings', () => {
  const refactors = readdirSync(FIXTURES).filter((name) => name.startsWith('refactor-')).sort();
  it('has refactor cases', () => expect(refactors.length).toBeGreaterThanOrEqual(10));
  for (const name of refactors) {
    it(name, async () => {
      expect(summary(await diffCase(name))).toEqual([]);
      // and the other way round
      const base = await loadOpenApi(join(FIXTURES, name, 'revision.yaml'), { name, cwd: FIXTURES });
      const revision = await loadOpenApi(join(FIXTURES, name, 'base.yaml'), { name, cwd: FIXTURES });
      expect(summary(diffOpenApi(base, revision, { today: TODAY }))).toEqual([]);
    });
  }
});
