package io.tandem.infra.demo;

import io.tandem.TandemApplication;
import io.tandem.infra.startup.StartupRefusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo is a simulator: started as a deployment would start the application, outside the embedded
 * profile it is refused before anything is touched (so the distributed profile is refused here without
 * a PostgreSQL server), unless {@code tandem.demo.allow-in-production=true}; locally it is allowed.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoProductionGuardTest {

    @TempDir
    Path dataDir;

    @Test
    void theDistributedProfileRefusesTheDemo(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TandemApplication.class).profiles("distributed")
                .run("--tandem.data-dir=" + dataDir, "--server.port=0", "--spring.main.banner-mode=off",
                        "--tandem.demo=true", "--tandem.demo.traders=3").close())
                .isInstanceOf(StartupRefusal.class)
                .hasMessageContainingAll("tandem.demo=true", "profiles [distributed]", "tandem.demo.allow-in-production=true");
        assertThat(output).contains("APPLICATION FAILED TO START", "tandem.demo.allow-in-production=true");
    }

    @Test
    void aDeploymentsOwnProfileRefusesItTooUnlessAllowedInProduction(CapturedOutput output) {
        MockEnvironment prod = new MockEnvironment().withProperty("tandem.demo", "true");
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> DemoProductionGuard.check(prod)).isInstanceOf(StartupRefusal.class)
                .hasMessageContaining("profiles [prod]");

        MockEnvironment mixed = new MockEnvironment().withProperty("tandem.demo", "true");
        mixed.setActiveProfiles("distributed", "embedded");
        assertThatThrownBy(() -> DemoProductionGuard.check(mixed)).isInstanceOf(StartupRefusal.class);

        prod.setProperty("tandem.demo.allow-in-production", "true");
        assertThatCode(() -> DemoProductionGuard.check(prod)).doesNotThrowAnyException();
        assertThat(output).contains("The demo market runs with the profiles [prod]");
    }

    @Test
    void theEmbeddedProfileAllowsItAndAnOffDemoIsNeverRefused() {
        MockEnvironment local = new MockEnvironment().withProperty("tandem.demo", "true");
        local.setDefaultProfiles("embedded");
        assertThatCode(() -> DemoProductionGuard.check(local)).doesNotThrowAnyException();

        MockEnvironment off = new MockEnvironment().withProperty("tandem.demo", "false");
        off.setActiveProfiles("distributed");
        assertThatCode(() -> DemoProductionGuard.check(off)).doesNotThrowAnyException();
        MockEnvironment absent = new MockEnvironment();
        absent.setActiveProfiles("distributed");
        assertThatCode(() -> DemoProductionGuard.check(absent)).doesNotThrowAnyException();
    }
}
