package io.tandem.infra.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class MessageMetadataTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void processorsAndSchedulersAreNamedByTheirThreads() {
        assertThat(MessageMetadataConfiguration.component("WorkPackage[settlement]-0")).isEqualTo("settlement");
        assertThat(MessageMetadataConfiguration.component("Coordinator[payments]-1")).isEqualTo("payments");
        assertThat(MessageMetadataConfiguration.component("db-scheduler-3")).isEqualTo("scheduler");
        assertThat(MessageMetadataConfiguration.component("http-nio-8080-exec-1")).isNull();
    }

    @Test
    void theAuthenticatedSubjectWinsOverWhatACommandInherited() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("alice", null, "ROLE_TRADER"));
        assertThat(MessageMetadataConfiguration.who("bob")).isEqualTo("alice");
        SecurityContextHolder.clearContext();
        assertThat(MessageMetadataConfiguration.who("bob")).isEqualTo("bob");
        assertThat(MessageMetadataConfiguration.who(null)).isEqualTo("system:application");
    }
}
