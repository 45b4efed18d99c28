import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OperatorMetrics } from '@budflow/operator';
import { GatewayMetrics } from '@budflow/webhook-gateway';
import { RunnerMetrics } from '@budflow/runner';

// The Grafana dashboard (budflow.json) against the metrics the operator, the gateway and the runners really register: every
// metric a query names exists, and every label it groups or matches by exists on that metric. The PromQL reading is
// deliberately small (selectors, aggregations with by/without, functions, binary operators); a query it cannot read
// fails the test rather than passing unchecked.

interface Target {
  expr?: string;
  refId?: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  id?: number;
  type?: string;
  title?: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Variable {
  name: string;
  type: string;
  query?: string | { query?: string };
  definition?: string;
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
}

/** Series name → label names it can carry. */
type Catalog = Map<string, Set<string>>;

/** Added by Prometheus when it scrapes (target labels), so allowed on every series. */
const SCRAPE_LABELS = new Set(['namespace', 'pod', 'job', 'instance']);

const FUNCTIONS = new Set([
  ...['sum', 'min', 'max', 'avg', 'count', 'topk', 'bottomk', 'quantile', 'stddev', 'group'],
  ...['rate', 'irate', 'increase', 'delta', 'deriv', 'histogram_quantile', 'abs', 'clamp_min', 'clamp_max'],
  ...['avg_over_time', 'max_over_time', 'min_over_time', 'sum_over_time', 'label_replace', 'vector', 'time'],
]);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'group_left', 'group_right']);
const GROUPING = /\b(by|without|on|ignoring)\s*\(([^()]*)\)/g;

function readDashboard(): Dashboard {
  return JSON.parse(readFileSync(new URL('./budflow.json', import.meta.url), 'utf8')) as Dashboard;
}

/** Every panel, rows' nested panels included. */
function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
}

async function catalogOf(registries: OperatorMetrics['registry'][]): Promise<Catalog> {
  const catalog: Catalog = new Map();
  for (const registry of registries) {
    for (const { name, type } of await registry.getMetricsAsJSON()) {
      // getMetricsAsJSON lists only the label values seen so far; the declared label names live on the metric.
      const declared = (registry.getSingleMetric(name) as { labelNames?: unknown } | undefined)?.labelNames;
      if (!Array.isArray(declared)) throw new Error(`prom-client gave no labelNames for ${name}`);
      const labels = declared.map(String);
      // prom-client's typings declare a numeric enum; at run time the type is the exposition name ('histogram').
      const kind = String(type);
      if (kind === 'histogram') {
        catalog.set(`${name}_bucket`, new Set([...labels, 'le']));
        catalog.set(`${name}_sum`, new Set(labels));
        catalog.set(`${name}_count`, new Set(labels));
      } else if (kind === 'summary') {
        catalog.set(name, new Set([...labels, 'quantile']));
        catalog.set(`${name}_sum`, new Set(labels));
        catalog.set(`${name}_count`, new Set(labels));
      } else if (kind === 'counter' || kind === 'gauge') {
        catalog.set(name, new Set(labels));
      } else {
        throw new Error(`${name}: unexpected metric type ${kind}`);
      }
    }
  }
  return catalog;
}

/** Index of the parenthesis matching the one at `open` (or before `close`, searching backwards). */
function matchForward(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses in ${text}`);
}
function matchBackward(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses in ${text}`);
}

const splitLabels = (list: string): string[] =>
  list
    .split(',')
    .map((label) => label.trim())
    .filter((label) => label !== '');

/** Metric names in metric position in a query without strings, selectors and ranges; unknown functions throw. */
function metricsIn(text: string): string[] {
  const metrics: string[] = [];
  const bare = text.replace(GROUPING, ' ');
  for (const match of bare.matchAll(/(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/gi)) {
    const [, number, identifier, call] = match;
    if (number !== undefined || identifier === undefined) continue;
    if (call !== undefined) {
      if (!FUNCTIONS.has(identifier)) throw new Error(`unknown PromQL function ${identifier}`);
    } else if (!KEYWORDS.has(identifier)) {
      metrics.push(identifier);
    }
  }
  return metrics;
}

/** Problems with one PromQL expression: unknown metrics, and labels a metric does not carry. */
function checkExpr(expr: string, catalog: Catalog): string[] {
  const problems: string[] = [];
  const hasLabel = (metric: string, label: string) =>
    SCRAPE_LABELS.has(label) || (catalog.get(metric)?.has(label) ?? false);
  const noStrings = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');

  // Selectors: metric{label="…", …}. A selector without a metric name is not allowed (it would match anything).
  for (const [, metric, matchers] of noStrings.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*\{([^}]*)\}/g)) {
    if (metric === undefined) {
      problems.push(`selector without a metric name in ${expr}`);
      continue;
    }
    for (const [, label] of (matchers ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)) {
      if (label !== undefined && !hasLabel(metric, label)) problems.push(`${metric} has no label ${label}`);
    }
  }
  const plain = noStrings.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '');

  let metrics: string[];
  try {
    metrics = metricsIn(plain);
  } catch (error) {
    return [...problems, `${(error as Error).message} in ${expr}`];
  }
  if (metrics.length === 0) problems.push(`no metric in ${expr}`);
  for (const metric of metrics) {
    if (!metric.startsWith('budflow_')) problems.push(`${metric} is not a BudFlow metric`);
    if (!catalog.has(metric)) problems.push(`unknown metric ${metric}`);
  }

  // by (…) / without (…): the labels must exist on every metric of the aggregated expression, which follows the
  // clause (sum by (x) (…)) or precedes it (sum(…) by (x)). on (…) / ignoring (…): on every metric of the query.
  for (const match of plain.matchAll(GROUPING)) {
    const [clause, keyword, list] = match;
    const start = match.index;
    let scope: string;
    if (keyword === 'on' || keyword === 'ignoring') {
      scope = plain;
    } else {
      const after = plain.slice(start + clause.length).search(/\S/) + start + clause.length;
      const before = plain.slice(0, start).trimEnd().length - 1;
      if (plain[after] === '(') scope = plain.slice(after, matchForward(plain, after) + 1);
      else if (plain[before] === ')') scope = plain.slice(matchBackward(plain, before), before + 1);
      else {
        problems.push(`cannot tell what "${clause}" aggregates in ${expr}`);
        continue;
      }
    }
    for (const label of splitLabels(list ?? '')) {
      for (const metric of metricsIn(scope)) {
        if (catalog.has(metric) && !hasLabel(metric, label)) problems.push(`${metric} has no label ${label}`);
      }
    }
  }

  // histogram_quantile needs buckets, grouped by le.
  if (/\bhistogram_quantile\s*\(/.test(plain)) {
    for (const metric of metrics.filter((m) => !m.endsWith('_bucket'))) {
      problems.push(`histogram_quantile over ${metric}, not a _bucket series`);
    }
    const grouped = [...plain.matchAll(GROUPING)].filter(([, keyword]) => keyword === 'by');
    if (!grouped.some(([, , list]) => splitLabels(list ?? '').includes('le'))) {
      problems.push(`histogram_quantile without "by (le, …)" in ${expr}`);
    }
  }
  return problems;
}

/** Problems with a query variable (label_values(metric-or-selector, label)). */
function checkVariable(variable: Variable, catalog: Catalog): string[] {
  const query = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
  const match = /^label_values\(\s*(.+),\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/.exec(query.trim());
  if (!match) return [`variable ${variable.name}: cannot read query ${JSON.stringify(query)}`];
  const [, selector = '', label = ''] = match;
  const problems = checkExpr(selector, catalog);
  const noStrings = selector.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\{[^}]*\}/g, '');
  for (const metric of metricsIn(noStrings)) {
    if (catalog.has(metric) && !SCRAPE_LABELS.has(label) && !catalog.get(metric)?.has(label)) {
      problems.push(`variable ${variable.name}: ${metric} has no label ${label}`);
    }
  }
  if (variable.definition !== undefined && variable.definition !== query) {
    problems.push(`variable ${variable.name}: definition and query differ`);
  }
  return problems;
}

describe('Grafana dashboard (charts/budflow/dashboards/budflow.json)', () => {
  const dashboard = readDashboard();
  const panels = allPanels(dashboard.panels);
  const queries = panels.filter((p) => p.type !== 'row');
  let catalog: Catalog;

  beforeAll(async () => {
    // The registries as production builds them: the cluster gateway and `budflow serve` collect default metrics.
    // `budflow runner --nats` collects them too (budflow_runner_*).
    catalog = await catalogOf([
      new OperatorMetrics().registry,
      new GatewayMetrics({ defaultMetrics: true }).registry,
      new RunnerMetrics().registry,
    ]);
  });

  it('is a schema-39 dashboard with a Prometheus datasource variable and a namespace variable', () => {
    expect(dashboard.uid).toBe('budflow-overview');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    const variables = new Map(dashboard.templating.list.map((v) => [v.name, v]));
    expect(variables.get('datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
    expect(variables.get('namespace')).toMatchObject({
      type: 'query',
      definition: 'label_values(budflow_executions_started_total, namespace)',
    });
  });

  it('has unique integer panel ids, nested panels included', () => {
    expect(panels.some((p) => p.type === 'row' && (p.panels?.length ?? 0) > 0)).toBe(true);
    expect(panels.filter((p) => !Number.isInteger(p.id)).map((p) => p.title)).toEqual([]);
    const ids = panels.map((p) => p.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `duplicate id ${id}`)).toEqual([]);
  });

  it('has a title on every panel', () => {
    expect(panels.filter((p) => !p.title?.trim()).map((p) => `panel ${p.id} has no title`)).toEqual([]);
  });

  it('queries through the datasource variable only', () => {
    for (const panel of queries) {
      expect(panel.targets?.length, `panel ${panel.title}`).toBeGreaterThan(0);
      expect(panel.datasource, `panel ${panel.title}`).toEqual({ type: 'prometheus', uid: '${datasource}' });
      const refIds = panel.targets!.map((t) => t.refId);
      expect(new Set(refIds).size, `panel ${panel.title} refIds`).toBe(refIds.length);
      for (const target of panel.targets!) {
        expect(target.datasource, `panel ${panel.title}`).toEqual({ type: 'prometheus', uid: '${datasource}' });
        expect(target.expr?.trim(), `panel ${panel.title} target ${target.refId}`).toBeTruthy();
      }
    }
  });

  it('queries only metrics and labels that exist', () => {
    const problems = queries.flatMap((panel) =>
      (panel.targets ?? []).flatMap((target) =>
        checkExpr(target.expr ?? '', catalog).map((problem) => `${panel.title}: ${problem}`),
      ),
    );
    const variables = dashboard.templating.list.filter((v) => v.type === 'query');
    problems.push(...variables.flatMap((variable) => checkVariable(variable, catalog)));
    expect(problems).toEqual([]);
  });

  it('is the file the chart ConfigMap carries', () => {
    const template = readFileSync(new URL('../templates/grafana-dashboard-configmap.yaml', import.meta.url), 'utf8');
    expect(template).toContain('.Files.Get "dashboards/budflow.json"');
  });

  describe('the checker', () => {
    const problemsOf = (expr: string) => checkExpr(expr, catalog);

    it('accepts real metrics, histogram series and scrape labels', () => {
      expect(
        problemsOf(
          'histogram_quantile(0.99, sum by (le, phase) (rate(budflow_execution_duration_seconds_bucket{namespace=~"$namespace"}[5m])))',
        ),
      ).toEqual([]);
      expect(problemsOf('sum(rate(budflow_webhook_requests_total{status=~"5.."}[5m])) by (status, pod)')).toEqual(
        [],
      );
      expect(problemsOf('max by (pod) (budflow_leader) == 1')).toEqual([]);
      expect(problemsOf('sum by (pool) (rate(budflow_runner_steps_total{status="error"}[5m]))')).toEqual([]);
    });

    it.each([
      ['sum(rate(budflow_executions_startd_total[5m]))', 'unknown metric budflow_executions_startd_total'],
      ['rate(process_cpu_seconds_total[5m])', 'process_cpu_seconds_total is not a BudFlow metric'],
      ['sum by (phase) (rate(budflow_executions_started_total[5m]))', 'budflow_executions_started_total has no label phase'],
      ['sum(rate(budflow_webhook_shed_total[5m])) by (webhook)', 'budflow_webhook_shed_total has no label webhook'],
      ['budflow_workqueue_depth{queue="x", kind="y"}', 'budflow_workqueue_depth has no label kind'],
      ['sum by (le) (budflow_step_duration_seconds_count)', 'budflow_step_duration_seconds_count has no label le'],
      [
        'histogram_quantile(0.5, rate(budflow_step_duration_seconds_bucket[5m]))',
        'histogram_quantile without "by (le, …)" in histogram_quantile(0.5, rate(budflow_step_duration_seconds_bucket[5m]))',
      ],
      [
        'sum by (pool) (rate(budflow_runner_step_duration_seconds_count{status="error"}[5m]))',
        'budflow_runner_step_duration_seconds_count has no label status',
      ],
    ])('rejects %s', (expr, problem) => {
      expect(problemsOf(expr)).toContain(problem);
    });

    it('rejects an unknown PromQL function', () => {
      expect(problemsOf('frobnicate(budflow_leader)').join()).toContain('unknown PromQL function frobnicate');
    });
  });
});
