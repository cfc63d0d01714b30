package io.tandem.infra.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The demo market's settings (prefix {@code tandem.demo}). The key {@code tandem.demo} itself is the
 * switch ({@code --tandem.demo=true}); these are its children, so a command line may carry both
 * ({@code --tandem.demo=true --tandem.demo.traders=6 --tandem.demo.seed=7}). In YAML a key cannot be a
 * value and a map at once, so a file that sets children turns the demo on from the command line or
 * the environment ({@code TANDEM_DEMO=true}).
 *
 * @param traders           how many simulated traders (momentum and contrarian, some of them copiers) trade
 *                          beside the market makers (one per demo instrument); 1 to 200
 * @param seed              the seed of every decision: the same seed and trader count give the same cast
 *                          (handles, strategies, follows, copies) and, step by step, the same intentions
 * @param tick              how often every simulated user takes one step
 * @param summaryInterval   how often a one-line summary is logged
 * @param allowInProduction whether the demo may run outside the embedded profile (a test system); it
 *                          creates users, money and trades nobody asked for, so it is refused otherwise
 *                          ({@link DemoProductionGuard})
 */
@ConfigurationProperties("tandem.demo")
public record DemoProperties(@DefaultValue("12") int traders,
                             @DefaultValue("42") long seed,
                             @DefaultValue("PT1S") Duration tick,
                             @DefaultValue("PT30S") Duration summaryInterval,
                             @DefaultValue("false") boolean allowInProduction) {

    public DemoProperties {
        if (traders < 1 || traders > 200) {
            throw new IllegalArgumentException("tandem.demo.traders must be between 1 and 200, not " + traders);
        }
        if (tick.toMillis() < 10) {
            throw new IllegalArgumentException("tandem.demo.tick must be at least 10 ms");
        }
        if (summaryInterval.toMillis() < 100) {
            throw new IllegalArgumentException("tandem.demo.summary-interval must be at least 100 ms");
        }
    }
}
