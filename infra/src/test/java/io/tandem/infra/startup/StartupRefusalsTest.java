package io.tandem.infra.startup;

import io.tandem.TandemApplication;
import io.tandem.command.payment.PaymentEntryProperties;
import io.tandem.infra.payment.SimulatorProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Configurations that must not start, started as a deployment would start them: the real application
 * with the real {@code application.yml} and profile files, settings given as command-line arguments
 * (which win over every file). The refusals come once the context is prepared, before any bean,
 * database, event store or server is touched, so the distributed profile is refused here without a
 * PostgreSQL server. Where a start must succeed, an empty context stands in for the application: it
 * runs the same checks on the same files and binds the settings in question.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalsTest {

    /** The distributed profile needs the event chain's shared sealing key (see {@code ChainKeyGuard}). */
    private static final String SHARED_CHAIN_KEY = "TANDEM_AUDIT_CHAIN_KEY=startup-refusals-test-shared-chain-key";

    @TempDir
    Path dataDir;

    /** Binds the payment settings and nothing else. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SimulatorProperties.class, PaymentEntryProperties.class})
    static class PaymentSettingsOnly {
    }

    private String[] args(String... settings) {
        return Stream.concat(Stream.of("--tandem.data-dir=" + dataDir, "--server.port=0", "--spring.main.banner-mode=off"),
                Stream.of(settings).map(setting -> "--" + setting)).toArray(String[]::new);
    }

    private ConfigurableApplicationContext startEmpty(String profile, String... settings) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(PaymentSettingsOnly.class).web(WebApplicationType.NONE);
        return (profile == null ? builder : builder.profiles(profile)).run(args(settings));
    }

    private void assertRefused(String profile, String[] settings, String... messageParts) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(TandemApplication.class);
        assertThatThrownBy(() -> (profile == null ? builder : builder.profiles(profile)).run(args(settings)).close())
                .isInstanceOf(StartupRefusal.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void theDistributedProfileRefusesTheSimulatorUnlessAllowedInProduction(CapturedOutput output) {
        assertRefused("distributed", new String[]{"TANDEM_SIMULATOR_ENABLED=true"},
                "tandem.payments.simulator.enabled=true", "tandem.payments.simulator.allow-in-production=true");

        assertThat(output).contains("APPLICATION FAILED TO START", "Action:",
                "tandem.payments.simulator.allow-in-production=true");
    }

    @Test
    void aDeploymentsOwnProfileRefusesAnExplicitlyEnabledSimulatorToo() {
        assertRefused("prod", new String[]{"tandem.payments.simulator.enabled=true"},
                "profiles [prod]", "tandem.payments.simulator.allow-in-production=true");
        assertRefused(null, new String[]{"spring.profiles.active=distributed,embedded"}, "profiles [distributed,embedded]");
        // Locally (the embedded profile alone) it is simply on.
        try (ConfigurableApplicationContext context = startEmpty(null, "tandem.payments.simulator.enabled=true")) {
            assertThat(context.getBean(SimulatorProperties.class).enabled()).isTrue();
        }
    }

    @Test
    void theDistributedProfileHasNoSimulatorAndNoProvidersUnlessConfigured() {
        try (ConfigurableApplicationContext context = startEmpty("distributed", SHARED_CHAIN_KEY)) {
            assertThat(context.getBean(SimulatorProperties.class).enabled()).isFalse();
            assertThat(context.getBean(PaymentEntryProperties.class).allowedProviders())
                    .isEqualTo(PaymentEntryProperties.AllowedProviders.none());
        }
        try (ConfigurableApplicationContext context = startEmpty("distributed", SHARED_CHAIN_KEY,
                "TANDEM_PAYMENTS_DEPOSIT_PROVIDERS=acme-pay, simulator", "TANDEM_PAYMENTS_WITHDRAWAL_PROVIDERS=acme-pay")) {
            PaymentEntryProperties.AllowedProviders allowed = context.getBean(PaymentEntryProperties.class).allowedProviders();
            assertThat(allowed.deposit()).containsExactlyInAnyOrder("acme-pay", "simulator");
            assertThat(allowed.withdrawal()).containsExactly("acme-pay");
        }
    }

    @Test
    void aDeploymentsOwnProfileGetsNeitherSimulatorNorDevTokensUnlessItEnablesThem() {
        try (ConfigurableApplicationContext context = startEmpty("prod")) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("prod");
            assertThat(context.getBean(SimulatorProperties.class).enabled()).isFalse();
            assertThat(context.getBean(PaymentEntryProperties.class).allowedProviders())
                    .isEqualTo(PaymentEntryProperties.AllowedProviders.none());
            assertThat(context.getEnvironment().getProperty("tandem.security.dev-tokens-enabled", Boolean.class)).isFalse();
            assertThat(context.getEnvironment().getProperty("server.address")).isNull();
        }
        try (ConfigurableApplicationContext context = startEmpty(null, "spring.profiles.active=prod,embedded")) {
            assertThat(context.getBean(SimulatorProperties.class).enabled()).isTrue();
            assertThat(context.getEnvironment().getProperty("tandem.security.dev-tokens-enabled", Boolean.class)).isTrue();
        }
    }

    @Test
    void theEmbeddedDefaultEnablesAndAllowsTheSimulator() {
        try (ConfigurableApplicationContext context = startEmpty(null)) {
            assertThat(context.getBean(SimulatorProperties.class).enabled()).isTrue();
            PaymentEntryProperties.AllowedProviders allowed = context.getBean(PaymentEntryProperties.class).allowedProviders();
            assertThat(allowed.deposit()).containsExactly("simulator");
            assertThat(allowed.withdrawal()).containsExactly("simulator");
        }
    }

    @Test
    void aSimulatorAllowedInProductionStartsWithAWarningEveryTime(CapturedOutput output) {
        for (int start = 1; start <= 2; start++) {
            try (ConfigurableApplicationContext context = startEmpty("distributed", SHARED_CHAIN_KEY, "TANDEM_SIMULATOR_ENABLED=true",
                    "TANDEM_SIMULATOR_ALLOW_IN_PRODUCTION=true")) {
                assertThat(context.getBean(SimulatorProperties.class).enabled()).isTrue();
            }
            assertThat(output.getOut().split("allow-in-production=true\\): deposits through it are credited", -1))
                    .hasSize(start + 1);
        }
    }

    @Test
    void devTokensOnANonLoopbackAddressAreRefusedNamingThePropertyThatAllowsIt(CapturedOutput output) {
        assertRefused(null, new String[]{"server.address=0.0.0.0"},
                "server.address=0.0.0.0", "tandem.security.dev-tokens-allow-remote=true");
        assertRefused(null, new String[]{"server.address=192.0.2.10"}, "tandem.security.dev-tokens-allow-remote=true");

        assertThat(output).contains("APPLICATION FAILED TO START", "tandem.security.dev-tokens-allow-remote=true");
    }

    @Test
    void devTokensOnANonLoopbackAddressStartWithAWarningWhenAllowedAndWithoutDevTokensNothingIsBound(CapturedOutput output) {
        try (ConfigurableApplicationContext context = startEmpty(null, "server.address=0.0.0.0",
                "tandem.security.dev-tokens-allow-remote=true")) {
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("0.0.0.0");
        }
        assertThat(output).contains("Dev tokens are enabled and the server listens on 0.0.0.0");

        try (ConfigurableApplicationContext context = startEmpty(null, "tandem.security.dev-tokens-enabled=false")) {
            assertThat(context.getEnvironment().getProperty("server.address")).isNull();
        }
        try (ConfigurableApplicationContext context = startEmpty(null, "server.address=::1")) {
            assertThat(context.getEnvironment().getProperty("server.address")).isEqualTo("::1");
        }
    }

    @Test
    void axonServerIsRefusedBecauseOrderEntryNeedsTheSharedTransaction(CapturedOutput output) {
        assertRefused(null, new String[]{"axon.axonserver.enabled=true"},
                "axon.axonserver.enabled=true", "one database transaction", "axon.axonserver.enabled=false");
        assertRefused("distributed", new String[]{"TANDEM_AXONSERVER_ENABLED=true"}, "Axon Server is enabled");
        // A property source that an initializer adds (as @DynamicPropertySource does) is checked too.
        assertThatThrownBy(() -> new SpringApplicationBuilder(PaymentSettingsOnly.class).web(WebApplicationType.NONE)
                .initializers(context -> context.getEnvironment().getPropertySources().addFirst(
                        new MapPropertySource("added-late", Map.of("axon.axonserver.enabled", "true"))))
                .run(args()).close())
                .isInstanceOf(StartupRefusal.class).hasMessageContaining("Axon Server is enabled");

        assertThat(output).contains("APPLICATION FAILED TO START", "TANDEM_AXONSERVER_ENABLED=false");
    }

    @Test
    void theDistributedProfileRefusesAMissingEmptyOrBlankChainKeyInsteadOfAKeyFilePerNode(CapturedOutput output) {
        assertRefused("distributed", new String[]{"tandem.audit.chain.key="},
                "tandem.audit.chain.key is empty", "'distributed' profile", "audit-chain.key", "TANDEM_AUDIT_CHAIN_KEY");
        assertRefused("distributed", new String[]{"TANDEM_AUDIT_CHAIN_KEY="}, "tandem.audit.chain.key is empty");
        assertRefused("distributed", new String[]{"TANDEM_AUDIT_CHAIN_KEY=   "}, "tandem.audit.chain.key is empty");
        assertRefused("distributed", new String[]{}, "tandem.audit.chain.key is not set", "TANDEM_AUDIT_CHAIN_KEY");

        assertThat(dataDir.resolve("audit-chain.key")).as("no per-node key file").doesNotExist();
        assertThat(output).contains("APPLICATION FAILED TO START", "Set tandem.audit.chain.key (TANDEM_AUDIT_CHAIN_KEY)");
    }

    @Test
    void aChainKeyShorterThan32BytesIsRefusedOnEveryProfile() {
        String key31 = "x".repeat(31);
        assertRefused("distributed", new String[]{"TANDEM_AUDIT_CHAIN_KEY=" + key31},
                "tandem.audit.chain.key is 31 bytes long", "at least 32 bytes");
        assertRefused(null, new String[]{"tandem.audit.chain.key=" + key31}, "tandem.audit.chain.key is 31 bytes long");
        // 16 characters of two bytes each are 32 bytes as UTF-8
        try (ConfigurableApplicationContext context = startEmpty(null, "tandem.audit.chain.key=" + "é".repeat(16))) {
            assertThat(context.getEnvironment().getProperty("tandem.audit.chain.key")).hasSize(16);
        }
    }

    @Test
    void theDistributedProfileStartsWithASharedChainKeyAndEmbeddedKeepsTheKeyFileFallback() {
        try (ConfigurableApplicationContext context = startEmpty("distributed", SHARED_CHAIN_KEY)) {
            assertThat(context.getEnvironment().getProperty("tandem.audit.chain.key"))
                    .isEqualTo("startup-refusals-test-shared-chain-key");
        }
        try (ConfigurableApplicationContext context = startEmpty(null, "tandem.audit.chain.key=")) {
            assertThat(context.getEnvironment().getProperty("tandem.audit.chain.key")).isEmpty();
        }
    }
}
