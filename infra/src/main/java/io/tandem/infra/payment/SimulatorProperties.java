package io.tandem.infra.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the embedded payment provider {@code simulator} behaves (prefix {@code tandem.payments.simulator}).
 * Rates are probabilities, not money, so they are plain doubles; their sum may not exceed 1.
 *
 * @param enabled       whether the simulator is a provider at all; off unless enabled ({@code application.yml},
 *                      the embedded default, enables it; the {@code distributed} profile refuses it unless
 *                      {@code allow-in-production=true}, see {@link SimulatorProductionGuard})
 * @param delay         how long after initiation the simulated payment completes and its webhook is sent
 * @param declineRate   share of payments that complete as declined
 * @param timeoutRate   share of payments that never complete: no webhook, PENDING until cancelled
 * @param webhookSecret shared HMAC-SHA256 secret (at least 32 bytes); blank means a generated key kept
 *                      under the data dir in {@value PaymentProviderConfiguration#SIMULATOR_KEY_FILE}
 * @param replayWindow  how far a webhook's timestamp may be from now before it is refused as stale
 * @param seed          seed of the simulator's random outcomes, for reproducible runs; blank means unseeded
 * @param webhookUrl    where webhooks are POSTed; blank means this application's own endpoint on the
 *                      port the server is listening on
 */
@ConfigurationProperties("tandem.payments.simulator")
public record SimulatorProperties(@DefaultValue("false") boolean enabled,
                                  @DefaultValue("PT2S") Duration delay,
                                  @DefaultValue("0.1") double declineRate,
                                  @DefaultValue("0.05") double timeoutRate,
                                  String webhookSecret,
                                  @DefaultValue("PT5M") Duration replayWindow,
                                  Long seed,
                                  String webhookUrl) {

    public SimulatorProperties {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("tandem.payments.simulator.delay must not be negative");
        }
        if (declineRate < 0 || timeoutRate < 0 || declineRate + timeoutRate > 1) {
            throw new IllegalArgumentException("tandem.payments.simulator.decline-rate and timeout-rate must be "
                    + "between 0 and 1 and add up to at most 1");
        }
        if (replayWindow.isNegative() || replayWindow.isZero()) {
            throw new IllegalArgumentException("tandem.payments.simulator.replay-window must be positive");
        }
    }
}
