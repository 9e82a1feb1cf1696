/**
 * The seam between the parts of `paydown serve`: the core (storage, gateway, tokens, prediction
 * log, lineage endpoint, metrics) and the extensions that watch what it serves (monitors, alerts,
 * automatic responses, dashboard). The core builds one {@link ServeContext}; each extension gets it.
 */
import type { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { DependencyGraph } from '../graph/graph.js';
import type { LoadedSystem } from '../manifest/load-system.js';
import type { PredictionRecord, Store } from './store/store.js';

/** How the gateway must answer for one model right now. */
export interface ServingPlan {
  /** live: the model's current version; safe-default: the declared safe default (breaker open, no action taken); fallback: the pinned fallback version. */
  readonly mode: 'live' | 'safe-default' | 'fallback';
  /** The version to serve when mode is fallback. */
  readonly version?: string;
  /** A candidate version to mirror the request to (answers logged, never returned). */
  readonly shadowVersion?: string;
}

/** Synchronous lookup of serving plans, kept in memory and refreshed from the store. */
export interface ServingPlans {
  plan(model: string): ServingPlan;
}

/** The loaded system as the server currently sees it (replaced when manifests change). */
export interface SystemSnapshot {
  readonly system: LoadedSystem;
  readonly graph: DependencyGraph;
  readonly loadedAt: number;
}

/** What every part of the server shares. */
export interface ServeContext {
  readonly store: Store;
  /** The directory of the manifests. */
  readonly systemDir: string;
  /** The current system; changes when manifests are reloaded. */
  snapshot(): SystemSnapshot;
  /** Milliseconds since the epoch; tests replace it to move time. */
  now(): number;
  /** The Prometheus registry `/metrics` exposes. */
  readonly metrics: Registry;
  /** The admin token's SHA-256 (hex); admin routes compare against it in constant time. */
  readonly adminTokenHash: string;
  /** Structured log line (never tokens, never stack traces). */
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

/** A part of the server added to the core: routes, background work, and hooks. */
export interface ServeExtension {
  readonly name: string;
  /** Adds routes to the app (before the server listens). */
  routes?(app: Hono, context: ServeContext): void;
  /** Starts background work (monitor loops, webhook delivery). */
  start?(context: ServeContext): Promise<void>;
  stop?(): Promise<void>;
  /** When given, the gateway asks it how to answer for each model. */
  readonly plans?: ServingPlans;
  /** Called after each prediction is logged (live and shadow); must not block or throw. */
  onPrediction?(record: PredictionRecord): void;
}
