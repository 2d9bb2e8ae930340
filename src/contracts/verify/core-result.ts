/**
 * The native core's verification JSON (`pactffi_verifier_json`: `interactionResults`, `errors`,
 * `pendingErrors`, `notices`, and its console `output`) → one result per interaction, with the
 * consumer and the provider states read off the console lines, in order.
 */
import type { InteractionResult } from './run.js';

export const ANSI = /\x1b\[[0-9;]*m/g;

type Origin = { consumer: string; provider: string; description: string; states: string[] };

/** Which pact each interaction came from, and its states, read off the core's console lines in order. */
function origins(lines: Iterable<string>, provider: string): Origin[] {
  const order: Origin[] = [];
  let consumer = '';
  let pactProvider = provider;
  for (const raw of lines) {
    for (const line of String(raw).replace(ANSI, '').split('\n')) {
      const between = /^Verifying a pact between (.+) and (.+?)(?: \[.*\])?$/.exec(line.trim());
      if (between) {
        consumer = between[1]!;
        pactProvider = between[2]!;
        continue;
      }
      // durations read `87ms`, `1s`, `1s 516ms`, `1m 136ms`: a reply slower than a second has a space
      const interaction = /^ {2}(\S.*?) \((?:[^()]* loading, )?[^()]* verification\)$/.exec(line);
      if (interaction) {
        order.push({ consumer, provider: pactProvider, description: interaction[1]!, states: [] });
        continue;
      }
      const given = /^ {5}Given (.+)$/.exec(line) ?? /^ {5,}And (.+)$/.exec(line);
      if (given && order.length) order[order.length - 1]!.states.push(given[1]!);
    }
  }
  return order;
}

/**
 * The core's JSON (`interactionResults`, `errors`, `pendingErrors`, `output`) → per-interaction
 * results. `console` is what the core printed on stdout: the same lines as `output`, used when
 * `output` does not name the pact of every interaction.
 */
export function parseCoreResult(json: string, provider: string, console?: string): { interactions: InteractionResult[]; notices: string[] } {
  let data: any;
  try {
    data = JSON.parse(json);
  } catch {
    return { interactions: [], notices: [json] };
  }
  const expected = Array.isArray(data.interactionResults) ? data.interactionResults.length : 0;
  let order = origins((data.output ?? []) as string[], provider);
  if (console && (order.length !== expected || order.some((o) => !o.consumer))) {
    const fromConsole = origins([console], provider);
    if (fromConsole.length === expected && fromConsole.every((o) => o.consumer)) order = fromConsole;
  }
  // the core names a failure `Verifying a pact between <consumer> and <provider>[ Given <s1>[ And <s2>]] - <description>`:
  // two interactions with the same description differ by their states, else by their order
  const failures: Array<{ key: string; pending: boolean; lines: string[]; used: boolean }> = [];
  const collect = (list: any[], pending: boolean) => {
    for (const e of list ?? []) {
      const lines: string[] = [];
      const mismatch = e.mismatch ?? {};
      if (Array.isArray(mismatch.mismatches)) {
        for (const m of mismatch.mismatches) lines.push(describeMismatch(m));
      } else if (mismatch.message) lines.push(String(mismatch.message));
      else if (mismatch.type && mismatch.type !== 'error') lines.push(String(mismatch.type));
      failures.push({ key: String(e.interaction ?? ''), pending, lines, used: false });
    }
  };
  collect(data.errors, false);
  collect(data.pendingErrors, true);
  const results: InteractionResult[] = [];
  const interactionResults: any[] = Array.isArray(data.interactionResults) ? data.interactionResults : [];
  interactionResults.forEach((r, i) => {
    const meta = order[i] && order[i]!.description === r.description ? order[i]! : order.find((o) => o.description === r.description);
    const description = String(r.description ?? meta?.description ?? '');
    const ok = String(r.result ?? '').toLowerCase() === 'ok';
    const find = (pending: boolean) => {
      if (ok) return undefined;
      const states = meta?.states.length ? ` Given ${meta.states.join(' And ')}` : '';
      const exact = meta?.consumer ? `Verifying a pact between ${meta.consumer} and ${meta.provider}${states} - ${description}` : undefined;
      const candidates = failures.filter((f) => f.pending === pending && !f.used);
      // exact key first (a key may carry a suffix: `- One or more of the setup state change handlers has failed`),
      // then, without a consumer name, the description alone; each failure is used once, in order
      const hit =
        (exact ? candidates.find((f) => f.key === exact || f.key.startsWith(`${exact} - `)) : undefined) ??
        (exact ? undefined : candidates.find((f) => f.key.endsWith(` - ${description}`) || f.key.includes(` - ${description} - `)));
      if (!hit) return undefined;
      hit.used = true;
      const suffix = exact && hit.key.startsWith(`${exact} - `) ? hit.key.slice(exact.length + 3) : undefined;
      return hit.lines.length ? hit.lines : [suffix ?? 'error'];
    };
    const failed = find(false);
    const pending = failed ? undefined : find(true);
    results.push({
      consumer: meta?.consumer ?? '',
      provider: meta?.provider ?? provider,
      description,
      states: meta?.states ?? [],
      outcome: ok ? 'passed' : pending && !failed ? 'pending' : 'failed',
      mismatches: ok ? [] : (failed ?? pending ?? [String(r.result ?? 'failed')]),
      durationMs: parseDuration(r.duration),
    });
  });
  const notices = ((data.notices ?? []) as Array<{ text?: string }>).map((n) => String(n.text ?? '')).filter(Boolean);
  return { interactions: results, notices };
}

function describeMismatch(m: any): string {
  const where = m.path ? `${m.path}: ` : m.key ? `${m.key}: ` : '';
  const text = String(m.mismatch ?? m.description ?? m.type ?? 'mismatch');
  if (m.type === 'StatusMismatch' && m.expected !== undefined) return `status: expected ${m.expected}, got ${m.actual}`;
  return `${where}${text}`;
}

function parseDuration(value: unknown): number | undefined {
  // `87ms`, `2s`, `1s 516ms`, `1m 441ms`
  const text = String(value ?? '').trim();
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h)\s*)+$/.test(text)) return undefined;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, n, u] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(n) * unit[u!]!;
  return total;
}
