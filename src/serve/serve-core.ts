import type { ServeContext, ServeExtension, ServingPlans } from './context.js';
import type { PredictionLog } from './log/prediction-log.js';
import type { SystemHolder } from './registry/system-holder.js';
import type { RateLimiter } from './consumers/rate-limit.js';
import type { SlaTracker } from './consumers/sla-tracker.js';
import type { ServeMetrics } from './serve-metrics.js';
import type { TokenVerifier } from './tokens/token-verifier.js';

/** Limits on what one request may carry. */
export interface RequestLimits {
  /** Largest request body in bytes (413 beyond). */
  readonly maxBodyBytes: number;
  /** Most rows in one inference request (413 beyond). */
  readonly maxBatch: number;
}

/** The parts of a running server the core routes share (the context is what extensions see). */
export interface ServeCore {
  readonly context: ServeContext;
  readonly holder: SystemHolder;
  readonly log: PredictionLog;
  readonly verifier: TokenVerifier;
  readonly sla: SlaTracker;
  readonly rateLimiter: RateLimiter;
  readonly metrics: ServeMetrics;
  readonly extensions: readonly ServeExtension[];
  readonly plans: ServingPlans | undefined;
  readonly limits: RequestLimits;
  /** True once the store is migrated and the journal replayed, until shutdown begins. */
  ready(): boolean;
}
