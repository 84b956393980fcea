import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ControllerRuntimeMetrics } from '../../src/observability/metrics-controller-runtime.js';
import { SyncMetrics } from '../../src/observability/metrics-sync.js';

/**
 * The Prometheus Operator objects, checked without their CRDs: against the upstream schemas
 * (@kubernetes-models/prometheus-operator), with promtool (Debian's prometheus package), and
 * every metric an alert uses is one the operator exposes on /metrics.
 */
const manifests = new URL('../../deploy/manifests/', import.meta.url).pathname;
const rule = parse(readFileSync(join(manifests, 'prometheusrule.yaml'), 'utf8')) as {
  spec: { groups: { name: string; rules: { alert: string; expr: string }[] }[] };
};

function exposedMetricNames(): Set<string> {
  const registry = new client.Registry();
  new ControllerRuntimeMetrics(registry);
  new SyncMetrics(registry);
  client.collectDefaultMetrics({ register: registry });
  const names = new Set<string>();
  for (const metric of registry.getMetricsAsArray()) {
    names.add(metric.name);
    // Histograms are queried through their series suffixes.
    if (String(metric.type) === 'histogram')
      for (const s of ['_bucket', '_sum', '_count']) names.add(metric.name + s);
  }
  // Scrape-time series added by Prometheus itself.
  names.add('up');
  return names;
}

/** Metric names in a PromQL expression: identifiers followed by `{`, `[`, `)` or an operator, minus functions and keywords. */
function metricNamesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  const withoutLabels = withoutStrings.replace(/\{[^}]*\}/g, '{}');
  const keywords = new Set([
    ...[
      'by',
      'on',
      'unless',
      'and',
      'or',
      'without',
      'ignoring',
      'group_left',
      'group_right',
      'bool',
      'offset',
    ],
    // Aggregation operators may be followed by `by (...)` rather than `(`.
    ...['sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'group'],
  ]);
  const idents = [...withoutLabels.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(\s*\()?/g)]
    .filter((m) => m[2] === undefined)
    .map((m) => m[1] as string);
  // Words inside by(...)/on(...) are label names.
  const labelLists = [...withoutLabels.matchAll(/\b(?:by|on|without|ignoring)\s*\(([^)]*)\)/g)].flatMap((m) =>
    (m[1] ?? '').split(',').map((s) => s.trim()),
  );
  return idents.filter(
    (n) => !keywords.has(n) && !labelLists.includes(n) && !/^\d/.test(n) && !/^[0-9]+[smhd]$/.test(n),
  );
}

describe('Prometheus Operator objects', () => {
  it('the ServiceMonitor and PrometheusRule match the upstream schemas', () => {
    const sm = parse(readFileSync(join(manifests, 'servicemonitor.yaml'), 'utf8')) as object;
    expect(() => new ServiceMonitor(sm as never).validate()).not.toThrow();
    expect(() => new PrometheusRule(rule as never).validate()).not.toThrow();
  });

  it('the schema check can fail', () => {
    expect(() =>
      new ServiceMonitor({
        metadata: { name: 'x' },
        spec: { endpoints: [{ interval: 'often' }] },
      } as never).validate(),
    ).toThrow();
  });

  it('promtool accepts every rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const file = join(dir, 'rules.yml');
    writeFileSync(file, stringify({ groups: rule.spec.groups }));
    let out: string;
    try {
      out = execFileSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    } catch (error) {
      const e = error as { code?: string; stdout?: string; stderr?: string };
      if (e.code === 'ENOENT')
        throw new Error('promtool is missing: apt-get install prometheus (.ci/run does)');
      throw new Error(`promtool rejected the rules: ${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
  });

  const exposed = exposedMetricNames();
  const cases = rule.spec.groups.flatMap((g) => g.rules.map((r) => [r.alert, r.expr] as const));
  it.each(cases)('%s only uses metrics the operator exposes', (_alert, expr) => {
    const names = metricNamesIn(expr);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(exposed, `${name} in: ${expr}`).toContain(name);
  });

  it('covers the alerts a platform team expects', () => {
    const alerts = cases.map(([a]) => a);
    for (const a of [
      'PipedriveConnectionNotReady',
      'PipedriveSyncFailing',
      'PipedriveSyncStale',
      'PipedriveApiBudgetNearlyExhausted',
      'PipedriveSyncOperatorDown',
    ]) {
      expect(alerts).toContain(a);
    }
  });
});

describe('Grafana dashboard', () => {
  const dashboard = JSON.parse(
    readFileSync(new URL('../../deploy/grafana/pipedrive-sync-dashboard.json', import.meta.url), 'utf8'),
  ) as { panels: { title: string; targets?: { expr: string }[] }[] };
  const exposed = exposedMetricNames();
  const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => [p.title, t.expr] as const));

  it('has panels for runs, rows, durations, API budget, reconcile errors and the leader', () => {
    const titles = dashboard.panels.map((p) => p.title.toLowerCase()).join('|');
    for (const word of ['runs', 'rows', 'duration', 'budget', 'errors', 'leader'])
      expect(titles).toContain(word);
  });

  it.each(queries)('%s queries only metrics the operator exposes', (_title, expr) => {
    for (const name of metricNamesIn(expr)) expect(exposed, `${name} in: ${expr}`).toContain(name);
  });
});
