/**
 * Payment provider adapters and their webhooks.
 * <p>
 * The payment saga talks to providers only through the {@code io.tandem.saga.payment.PaymentProvider}
 * port, and providers talk back through {@code POST /api/v1/payments/webhooks/{provider}}, which has
 * no bearer token and trusts a request only after the provider's {@link io.tandem.infra.payment.PaymentWebhook}
 * has verified it. The embedded provider {@code simulator} ({@link io.tandem.infra.payment.SimulatedPaymentProvider})
 * completes payments asynchronously and announces them with webhooks signed per
 * {@link io.tandem.infra.payment.WebhookSignature}, POSTed over real HTTP to this application.
 * <p>
 * A real provider plugs in with two beans and a secret, and nothing else changes:
 * <ol>
 *   <li>a {@code PaymentProvider} whose {@code name()} is the provider's name (clients pass it as
 *       {@code "provider"} in deposit and withdrawal requests once it is in
 *       {@code tandem.payments.allowed-providers.deposit} or {@code .withdrawal}; {@code tandem.payments.default-provider}
 *       picks the one used when none is named). Its calls must be idempotent by payment id, which
 *       providers support as an idempotency key; {@code status} answers UNKNOWN for a payment the
 *       provider never received, and transport failures may simply throw: the saga retries;</li>
 *   <li>a {@code PaymentWebhook} with the same name that verifies the provider's own signature
 *       scheme (header names, signed content, replay window) with the secret shared with the
 *       provider, and maps the provider's payload to a {@link io.tandem.infra.payment.ProviderNotice};
 *       a provider that signs like the simulator can reuse {@link io.tandem.infra.payment.SignedJsonWebhook};</li>
 *   <li>the shared secret in configuration (an environment variable in production), resolved like the
 *       simulator's with {@code io.tandem.infra.security.SigningKeys}, and the provider's dashboard
 *       pointed at {@code https://<host>/api/v1/payments/webhooks/<name>}.</li>
 * </ol>
 * Webhooks are an optimisation, not a requirement: if they are lost, the saga's status checks
 * (deadlines kept in the database) find the outcome, and after the last check the payment is
 * cancelled at the provider and failed with TIMEOUT unless the provider says it completed.
 */
package io.tandem.infra.payment;
