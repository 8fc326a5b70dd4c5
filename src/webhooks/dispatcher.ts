import type { WebhookSettings } from "../config/config";
import { DeliveryState } from "../domain/events";
import type { Logger } from "../logger";
import type { Metrics } from "../observability/metrics";
import { nextAttemptAt } from "../policy/webhook.policy";
import type { ClaimedDelivery, DeliveryOutcome, DeliveryRepository } from "../store/types";
import { postWebhook, type AttemptResult } from "./post-webhook";
import { webhookBody, webhookHeaders } from "./sign";

/** What the dispatcher needs; `random` is for tests of the jitter. */
export interface DispatcherDeps {
  store: Pick<DeliveryRepository, "claimDeliveries" | "settleDelivery">;
  settings: WebhookSettings;
  now: () => Date;
  logger: Logger;
  metrics: Pick<Metrics, "webhookAttempt">;
  random?: () => number;
}

/** The running dispatcher: `nudge` when an event was written; `stop` (idempotent) on drain. */
export interface Dispatcher {
  nudge: () => void;
  stop: () => Promise<void>;
}

/**
 * Delivers the outbox, at least once: claims due deliveries (each for a lease: twice the attempt
 * timeout and a second, so a crashed attempt is tried again once it runs out, by this instance
 * or another), POSTs each signed, and records the outcome — DELIVERED on 2xx, else retried with
 * backoff until the retry window closes (FAILED). At most `concurrency` attempts are under way, so
 * a receiver that hangs holds one slot until its timeout, and never a request.
 */
export function startDispatcher(deps: DispatcherDeps): Dispatcher {
  const { store, settings, now, logger, metrics, random = Math.random } = deps;
  const endpoints = new Map(settings.endpoints.map((e) => [e.id, e]));
  const leaseMs = 2 * settings.timeoutMs + 1000;
  const stopping = new AbortController();
  const running = new Set<Promise<void>>();
  let claiming: Promise<void> | undefined;
  let again = false;

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    const endpoint = endpoints.get(delivery.endpoint);
    const started = performance.now();
    const body = webhookBody(delivery);
    const result: AttemptResult = endpoint
      ? await postWebhook(endpoint.url, webhookHeaders(endpoint.key, delivery.eventId, now(), body), body, {
          timeoutMs: settings.timeoutMs,
          stop: stopping.signal,
        })
      : { ok: false, status: null, error: "the endpoint is no longer configured", stopped: false };
    const outcome = outcomeOf(delivery, result, endpoint !== undefined);
    metrics.webhookAttempt(resultLabel(outcome), (performance.now() - started) / 1000);
    if (outcome.state === DeliveryState.FAILED)
      logger.warn("webhook delivery failed", { delivery: delivery.id, endpoint: delivery.endpoint, error: outcome.error });
    // A record that cannot be written leaves the lease to run out: the delivery is tried again then.
    await store.settleDelivery(delivery.id, outcome).catch((e: unknown) => logger.error("webhook delivery not recorded", e));
  }

  function outcomeOf(delivery: ClaimedDelivery, result: AttemptResult, configured: boolean): DeliveryOutcome {
    const at = now();
    if (result.ok) return { state: DeliveryState.DELIVERED, at, status: result.status! };
    const { status, error } = { status: result.status, error: result.error ?? "failed" };
    // Cut short by shutdown: due again at once, for whichever instance is still running.
    if (result.stopped) return { state: DeliveryState.PENDING, nextAttemptAt: at, status, error };
    const next = configured ? nextAttemptAt(delivery.attempts, delivery.since, at, settings, random()) : null;
    return next
      ? { state: DeliveryState.PENDING, nextAttemptAt: next, status, error }
      : { state: DeliveryState.FAILED, status, error };
  }

  function claim(): Promise<void> {
    if (claiming) {
      again = true;
      return claiming;
    }
    return (claiming = claimWhileDue().finally(() => (claiming = undefined)));
  }

  async function claimWhileDue(): Promise<void> {
    try {
      do {
        again = false;
        const room = settings.concurrency - running.size;
        if (stopping.signal.aborted || room <= 0) break;
        const at = now();
        const due = await store.claimDeliveries(at, new Date(at.getTime() + leaseMs), room);
        for (const delivery of due) {
          const work = attempt(delivery).finally(() => {
            running.delete(work);
            void claim();
          });
          running.add(work);
        }
        if (due.length === room) again = true;
      } while (again);
    } catch (e) {
      logger.error("webhook dispatcher could not claim deliveries", e);
    }
  }

  const timer = setInterval(() => void claim(), settings.pollMs);
  timer.unref();
  void claim();
  let stopped: Promise<void> | undefined;
  return {
    nudge: () => void claim(),
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(timer);
        // Attempts under way are cut short and recorded as due again; a claim under way starts none.
        stopping.abort();
        await claiming;
        await Promise.all(running);
      })()),
  };
}

const resultLabel = (outcome: DeliveryOutcome) =>
  outcome.state === DeliveryState.DELIVERED ? "delivered" : outcome.state === DeliveryState.FAILED ? "failed" : "retried";
