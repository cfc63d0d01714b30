package io.tandem.infra.config;

import io.tandem.TandemApplication;
import org.axonframework.config.Configuration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Saga deadlines are kept in the database: a deadline scheduled before the application stops fires
 * after it starts again on the same data directory. The probe saga schedules one; the application is
 * stopped once the deadline is stored and before it is due.
 */
class DeadlinesSurviveRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TandemApplication.class)
                .profiles(DeadlineProbeSaga.PROFILE)
                .run("--server.port=0", "--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off");
    }

    @Test
    void everyoneGetsTheDatabaseBackedDeadlineManager() {
        try (ConfigurableApplicationContext application = start()) {
            assertThat(application.getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);
            assertThat(application.getBean(Configuration.class).deadlineManager())
                    .isSameAs(application.getBean(DeadlineManager.class));
        }
    }

    @Test
    void deadlineScheduledBeforeARestartFiresAfterIt() {
        String probeId = UUID.randomUUID().toString();
        try (ConfigurableApplicationContext first = start()) {
            first.getBean(EventGateway.class).publish(new DeadlineProbeSaga.ProbeStarted(probeId, Duration.ofSeconds(4)));

            await().atMost(Duration.ofSeconds(30)).until(() -> scheduledDeadlines(first) == 1);
            assertThat(DeadlineProbeSaga.FIRED).doesNotContain(probeId);
        }

        try (ConfigurableApplicationContext second = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> DeadlineProbeSaga.FIRED.contains(probeId));
            await().atMost(Duration.ofSeconds(10)).until(() -> scheduledDeadlines(second) == 0);
        }
    }

    private static int scheduledDeadlines(ConfigurableApplicationContext application) {
        Integer count = application.getBean(JdbcTemplate.class).queryForObject(
                "select count(*) from scheduled_tasks where task_name = 'AxonDeadline'", Integer.class);
        return count == null ? 0 : count;
    }
}
