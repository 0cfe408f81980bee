// What a running bot counts, for operators (`GET /metrics`, Prometheus text).
// One registry per App, not prom-client's global one, so several apps in one
// process (tests, the bench) never share or collide on counters.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How an interaction ended: answered, refused as the user's mistake, or failed on our side. */
export type Outcome = 'ok' | 'user_error' | 'failure';

/** The scheduler's runs: claimed by this process, then sent or failed; missed while the bot was down. */
export type RunStatus = 'claimed' | 'sent' | 'failed' | 'missed';

export class Metrics {
  readonly registry = new Registry();
  readonly #interactions = new Counter({
    name: 'cohort_interactions_total',
    help: 'Commands, button presses and form submissions answered, by platform, command and outcome.',
    labelNames: ['platform', 'command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly #interactionSeconds = new Histogram({
    name: 'cohort_interaction_seconds',
    help: 'Time from an interaction reaching the command layer to its replies being ready.',
    labelNames: ['platform', 'command'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
    registers: [this.registry],
  });
  readonly #runs = new Counter({
    name: 'cohort_scheduler_runs_total',
    help: 'Scheduled posts and reminders, by what happened to them.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly #querySeconds = new Histogram({
    name: 'cohort_store_query_seconds',
    help: 'Time the store took to answer one statement.',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly #reconnects = new Counter({
    name: 'cohort_gateway_reconnects_total',
    help: 'Times a platform connection (Discord gateway shard, Slack socket) dropped and reconnected.',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  #queueDepth: () => number = () => 0;

  constructor() {
    const depth = () => this.#queueDepth();
    new Gauge({
      name: 'cohort_send_queue_depth',
      help: 'Scheduled sends waiting in this process (paced per channel).',
      registers: [this.registry],
      collect() {
        this.set(depth());
      },
    });
  }

  /** Adds the process's own figures (memory, CPU, event-loop lag); only for a served endpoint, as it starts a monitor. */
  withProcessMetrics(): this {
    collectDefaultMetrics({ register: this.registry, prefix: 'cohort_' });
    return this;
  }

  interaction(platform: string, command: string, outcome: Outcome, seconds: number): void {
    this.#interactions.inc({ platform, command, outcome });
    this.#interactionSeconds.observe({ platform, command }, seconds);
  }

  run(status: RunStatus, count = 1): void {
    if (count > 0) this.#runs.inc({ status }, count);
  }

  query(seconds: number): void {
    this.#querySeconds.observe(seconds);
  }

  reconnect(platform: string): void {
    this.#reconnects.inc({ platform });
  }

  /** Where the send-queue depth is read from when scraped. */
  watchQueue(depth: () => number): void {
    this.#queueDepth = depth;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
