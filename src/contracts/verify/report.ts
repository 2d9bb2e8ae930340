/** Verification results for people (text), CI (JUnit XML) and machines (JSON). */
import { COVENANT_VERSION } from '../../version.js';
import type { VerifyResult } from './run.js';

export type VerifyFormat = 'text' | 'json' | 'junit';
export const VERIFY_FORMATS: readonly VerifyFormat[] = ['text', 'json', 'junit'];

export function formatVerify(result: VerifyResult, format: VerifyFormat, options: { color?: boolean } = {}): string {
  switch (format) {
    case 'text':
      return formatText(result, options.color ?? false);
    case 'json':
      return JSON.stringify({ tool: 'covenant', version: COVENANT_VERSION, command: 'verify', ...result }, null, 2) + '\n';
    case 'junit':
      return formatJunit(result);
  }
}

function formatText(result: VerifyResult, color: boolean): string {
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines: string[] = [];
  let pact = '';
  for (const i of result.interactions) {
    const key = `${i.consumer} → ${i.provider}`;
    if (key !== pact) {
      pact = key;
      lines.push(`${lines.length ? '\n' : ''}${key}`);
    }
    const mark = i.outcome === 'passed' ? paint('32', 'ok     ') : i.outcome === 'pending' ? paint('33', 'pending') : paint('31', 'FAILED ');
    const given = i.states.length ? paint('2', ` (given ${i.states.join(', ')})`) : '';
    lines.push(`  ${mark} ${i.description}${given}`);
    for (const m of i.mismatches) lines.push(`          ${m}`);
    for (const e of i.stateErrors ?? []) lines.push(`          ${paint('33', 'state error')} ${e}`);
  }
  for (const s of result.missingStates) lines.push(`${paint('33', 'warning')} no handler for provider state "${s}" in the states module`);
  for (const w of result.warnings ?? []) lines.push(`${paint('33', 'warning')} ${w}`);
  for (const n of result.notices) lines.push(paint('2', n));
  const count = (o: string) => result.interactions.filter((i) => i.outcome === o).length;
  const summary = `${count('passed')} passed, ${count('failed')} failed${count('pending') ? `, ${count('pending')} pending` : ''} (${result.interactions.length} interaction${result.interactions.length === 1 ? '' : 's'} from ${result.source})`;
  lines.push('', result.ok ? summary : `${summary}: verification failed`);
  if (result.publishError) lines.push(`results were NOT published: ${result.publishError}`);
  if (result.published) lines.push(`results published for ${result.provider} ${result.published.providerVersion}${result.published.branch ? ` (branch ${result.published.branch})` : ''}`);
  return lines.join('\n') + '\n';
}

function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function formatJunit(result: VerifyResult): string {
  const suites = new Map<string, VerifyResult['interactions']>();
  for (const i of result.interactions) {
    const key = `${i.consumer} → ${i.provider}`;
    suites.set(key, [...(suites.get(key) ?? []), i]);
  }
  const failures = result.interactions.filter((i) => i.outcome === 'failed').length;
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="covenant verify ${xml(result.provider)}" tests="${result.interactions.length}" failures="${failures}">`];
  for (const [name, list] of suites) {
    const time = list.reduce((t, i) => t + (i.durationMs ?? 0), 0) / 1000;
    out.push(`  <testsuite name="${xml(name)}" tests="${list.length}" failures="${list.filter((i) => i.outcome === 'failed').length}" skipped="${list.filter((i) => i.outcome === 'pending').length}" time="${time.toFixed(3)}">`);
    for (const i of list) {
      const title = i.states.length ? `${i.description} (given ${i.states.join(', ')})` : i.description;
      const open = `    <testcase classname="${xml(`${i.consumer}.${i.provider}`)}" name="${xml(title)}" time="${((i.durationMs ?? 0) / 1000).toFixed(3)}"`;
      const stateErrors = i.stateErrors?.length ? `\n      <system-err>${xml(i.stateErrors.join('\n'))}</system-err>` : '';
      if (i.outcome === 'passed') out.push(stateErrors ? `${open}>${stateErrors}\n    </testcase>` : `${open}/>`);
      else if (i.outcome === 'pending') out.push(`${open}>\n      <skipped message="pending pact: ${xml(i.mismatches.join('; '))}"/>\n    </testcase>`);
      else out.push(`${open}>\n      <failure message="${xml(i.mismatches[0] ?? 'failed')}">${xml(i.mismatches.join('\n'))}</failure>${stateErrors}\n    </testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
