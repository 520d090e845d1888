import parsePrometheusTextFormat from 'parse-prometheus-text-format';

interface Sample {
  labels?: Record<string, string>;
  value?: string;
  count?: string;
  sum?: string;
  buckets?: Record<string, string>;
}

type Family = { name: string; type: string; metrics: Sample[] };
const parse = (text: string) => new Map((parsePrometheusTextFormat(text) as Family[]).map((family) => [family.name, family]));

/**
 * A scrape parsed with a Prometheus text-format parser: the families by name, and the samples' values by labels. The
 * parser folds a histogram's labelled series into one, so its `_count` series are also read untyped, one per labels.
 */
export function readMetrics(text: string) {
  const families = parse(text);
  const untyped = parse(text.replace(/^# TYPE \S+ histogram\n/gm, ''));
  const samples = (name: string) => families.get(name)?.metrics ?? [];
  const having = (labels: Record<string, string>) => (sample: Sample) => Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value);
  const matching = (name: string, labels: Record<string, string>) => samples(name).filter(having(labels));
  return {
    families,
    samples,
    /** The sum of a counter's or gauge's samples with these labels (0 when none). */
    value: (name: string, labels: Record<string, string> = {}) => matching(name, labels).reduce((sum, sample) => sum + Number(sample.value), 0),
    /** The sum of a histogram's observation counts with these labels. */
    count: (name: string, labels: Record<string, string> = {}) =>
      (untyped.get(`${name}_count`)?.metrics ?? []).filter(having(labels)).reduce((sum, sample) => sum + Number(sample.value), 0),
  };
}
