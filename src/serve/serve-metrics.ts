import { Counter, Gauge, Histogram, collectDefaultMetrics, type Registry } from 'prom-client';

/** The Prometheus metrics of the serve core; extensions add theirs to the same registry. */
export interface ServeMetrics {
  readonly requests: Counter<'model' | 'consumer' | 'status'>;
  readonly latency: Histogram<'model' | 'consumer'>;
  readonly refused: Counter<'model' | 'consumer' | 'reason'>;
  readonly predictions: Counter<'model' | 'served_by'>;
  readonly slaMisses: Counter<'consumer'>;
  readonly logQueueDepth: Gauge;
  readonly outcomes: Counter;
  readonly lineageEvents: Counter<'event_type'>;
}

/** Registers the core metrics on a registry; `queueDepth` is read at each scrape. */
export function registerServeMetrics(registry: Registry, queueDepth: () => number): ServeMetrics {
  collectDefaultMetrics({ register: registry, prefix: 'paydown_' });
  return {
    requests: new Counter({ name: 'paydown_gateway_requests_total', help: 'Inference requests by model, consumer and HTTP status.', labelNames: ['model', 'consumer', 'status'], registers: [registry] }),
    latency: new Histogram({
      name: 'paydown_gateway_latency_seconds',
      help: 'Time to answer an inference request, by model and consumer.',
      labelNames: ['model', 'consumer'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    refused: new Counter({ name: 'paydown_gateway_refused_total', help: 'Inference requests refused, by reason (unauthenticated, undeclared-consumer, revoked, rate-limit).', labelNames: ['model', 'consumer', 'reason'], registers: [registry] }),
    predictions: new Counter({ name: 'paydown_predictions_total', help: 'Predictions logged, by model and who served them (model, safe-default, fallback, shadow).', labelNames: ['model', 'served_by'], registers: [registry] }),
    slaMisses: new Counter({ name: 'paydown_consumer_sla_latency_misses_total', help: 'Requests answered slower than the consumer was promised (sla.latencyMs).', labelNames: ['consumer'], registers: [registry] }),
    logQueueDepth: new Gauge({
      name: 'paydown_log_queue_depth',
      help: 'Predictions and outcomes journaled but not yet written to the store.',
      registers: [registry],
      collect() {
        this.set(queueDepth());
      },
    }),
    outcomes: new Counter({ name: 'paydown_outcomes_total', help: 'Outcomes (labels) received.', registers: [registry] }),
    lineageEvents: new Counter({ name: 'paydown_lineage_events_total', help: 'OpenLineage run events received, by event type.', labelNames: ['event_type'], registers: [registry] }),
  };
}
