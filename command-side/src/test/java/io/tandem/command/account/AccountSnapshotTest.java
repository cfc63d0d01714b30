package io.tandem.command.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.account.ReservationClosingEvent;
import io.tandem.contracts.common.Quantity;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tandem.command.account.AccountFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots are written with Jackson, so an account with every kind of state must survive the round trip. */
class AccountSnapshotTest {

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anAccountSurvivesAJacksonRoundTrip(boolean withModules) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(withModules ? new ObjectMapper().findAndRegisterModules() : new ObjectMapper())
                .build();
        fixture.given(opened(), deposited("adj-1", 5_000), issued(10), cashReserved(1_100),
                        buySettled(TRADE, 2, 400, 1), new ReservationClosingEvent(ACCOUNT, ORDER, Quantity.ofLots(5)))
                .when(adjust("adj-2", -100))
                .expectState(account -> {
                    SerializedObject<String> snapshot = serializer.serialize(account, String.class);
                    Account restored = serializer.deserialize(snapshot);
                    assertThat(restored).usingRecursiveComparison().isEqualTo(account);
                });
    }
}
