package io.tandem.infra.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.infra.config.TandemProperties;
import io.tandem.infra.security.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo's switch and settings as a command line gives them: {@code --tandem.demo=true} turns it on
 * and may stand beside its children ({@code --tandem.demo.traders=6 --tandem.demo.seed=7}), which bind
 * to {@link DemoProperties}; without the switch, or with it false, there is no demo at all. The
 * context here is the demo configuration alone (no web server, so the demo stays idle), with the real
 * {@code application.yml}.
 */
class DemoPropertiesTest {

    @TempDir
    Path dataDir;

    /**
     * The demo configuration and what it needs. Not a {@code @Configuration}: component scanning would
     * then find it in every test that boots the whole application, which would get these beans twice.
     */
    @EnableConfigurationProperties(TandemProperties.class)
    @Import(DemoConfiguration.class)
    static class DemoOnly {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        ObjectMapper objectMapper() {
            return new ObjectMapper();
        }

        @Bean
        TokenIssuer tokenIssuer(TandemProperties properties, Clock clock) {
            return new TokenIssuer(null, clock, properties.security());
        }
    }

    private ConfigurableApplicationContext start(String... settings) {
        String[] args = Stream.concat(Stream.of("--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off"),
                Stream.of(settings)).toArray(String[]::new);
        return new SpringApplicationBuilder(DemoOnly.class).web(WebApplicationType.NONE).run(args);
    }

    @Test
    void theSwitchAndItsChildrenBindTogetherFromTheCommandLine() {
        try (ConfigurableApplicationContext context = start("--tandem.demo=true", "--tandem.demo.traders=6",
                "--tandem.demo.seed=7", "--tandem.demo.tick=250ms")) {
            DemoProperties properties = context.getBean(DemoProperties.class);
            assertThat(properties.traders()).isEqualTo(6);
            assertThat(properties.seed()).isEqualTo(7);
            assertThat(properties.tick()).isEqualTo(Duration.ofMillis(250));
            DemoMarket market = context.getBean(DemoMarket.class);
            assertThat(market.cast()).isEqualTo(DemoCast.of(7, 6));
            // Without a web server to talk to it does not run.
            assertThat(market.isRunning()).isFalse();
        }
    }

    @Test
    void theSwitchAloneGivesTheDefaults() {
        try (ConfigurableApplicationContext context = start("--tandem.demo=true")) {
            DemoProperties properties = context.getBean(DemoProperties.class);
            assertThat(properties.traders()).isEqualTo(12);
            assertThat(properties.seed()).isEqualTo(42);
            assertThat(properties.tick()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.summaryInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.allowInProduction()).isFalse();
        }
    }

    @Test
    void withoutTheSwitchOrWithItFalseThereIsNoDemo() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBeanNamesForType(DemoMarket.class)).isEmpty();
        }
        try (ConfigurableApplicationContext context = start("--tandem.demo=false", "--tandem.demo.traders=6")) {
            assertThat(context.getBeanNamesForType(DemoMarket.class)).isEmpty();
        }
    }

    @Test
    void anImpossibleTraderCountIsRefusedAtStartup() {
        assertThatThrownBy(() -> start("--tandem.demo=true", "--tandem.demo.traders=0").close())
                .hasStackTraceContaining("tandem.demo.traders must be between 1 and 200");
    }
}
