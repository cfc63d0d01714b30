package io.tandem.infra.payment;

/** Delivers a simulated provider's webhook; the simulator retries with backoff while this answers false. */
@FunctionalInterface
public interface WebhookSender {

    /**
     * @return true when the receiver gave a final answer (accepted, or refused for good), false when
     * delivery should be tried again later (receiver unreachable or failing)
     */
    boolean send(ProviderNotice notice);
}
