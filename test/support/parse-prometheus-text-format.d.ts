declare module 'parse-prometheus-text-format' {
  /** prom2json's shape: families with their samples (counters and gauges: value; histograms: buckets, count, sum). */
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
