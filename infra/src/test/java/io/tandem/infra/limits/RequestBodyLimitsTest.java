package io.tandem.infra.limits;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBodyLimitsTest {

    private static RequestBodyLimits bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tandem.limits", RequestBodyLimits.class);
    }

    @Test
    void everyLimitDefaultsToSixtyFourKibibytes() {
        RequestBodyLimits limits = bind(Map.of());

        assertThat(limits.webhookBody()).isEqualTo(DataSize.ofKilobytes(64));
        assertThat(limits.graphqlBody()).isEqualTo(DataSize.ofKilobytes(64));
        assertThat(limits.restBody()).isEqualTo(DataSize.ofKilobytes(64));
    }

    @Test
    void eachLimitIsSetOnItsOwn() {
        RequestBodyLimits limits = bind(Map.of("tandem.limits.graphql-body", "16KB", "tandem.limits.rest-body", "8KB"));

        assertThat(limits.graphqlBody()).isEqualTo(DataSize.ofKilobytes(16));
        assertThat(limits.restBody()).isEqualTo(DataSize.ofKilobytes(8));
        assertThat(limits.webhookBody()).isEqualTo(DataSize.ofKilobytes(64));
    }

    @Test
    void aLimitOfNothingOrOfMoreThanSixteenMegabytesIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("tandem.limits.rest-body", "0B")))
                .hasRootCauseMessage("tandem.limits.rest-body must be between 1B and 16MB, was 0B");
        assertThatThrownBy(() -> bind(Map.of("tandem.limits.webhook-body", "1GB")))
                .hasRootCauseMessage("tandem.limits.webhook-body must be between 1B and 16MB, was 1073741824B");
    }
}
