package io.tandem.command.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.DepositAcceptedEvent;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.account.ReservationClosingEvent;
import io.tandem.contracts.account.WithdrawalDebitedEvent;
import io.tandem.contracts.account.WithdrawalReservedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

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
                        buySettled(TRADE, 2, 400, 1), new ReservationClosingEvent(ACCOUNT, ORDER, Quantity.ofLots(5)),
                        new DepositAcceptedEvent(ACCOUNT, PaymentId.of("pay-1"), ALICE, Cash.ofCents(700)),
                        new DepositCreditedEvent(ACCOUNT, PaymentId.of("pay-1"), Cash.ofCents(700)),
                        new DepositAcceptedEvent(ACCOUNT, PaymentId.of("pay-2"), ALICE, Cash.ofCents(800)),
                        new WithdrawalReservedEvent(ACCOUNT, PaymentId.of("pay-3"), Cash.ofCents(300)),
                        new WithdrawalReservedEvent(ACCOUNT, PaymentId.of("pay-4"), Cash.ofCents(200)),
                        new WithdrawalDebitedEvent(ACCOUNT, PaymentId.of("pay-4"), Cash.ofCents(200)),
                        new AssetsTransferredInEvent(ACCOUNT, "transfer-in-1", AccountId.of("copy-1"), Cash.ofCents(100),
                                List.of(new Holding(ACME, Quantity.ofLots(1)))),
                        new AssetsTransferredOutEvent(ACCOUNT, "transfer-out-1", AccountId.of("copy-2"), Cash.ofCents(50),
                                List.of(new Holding(ACME, Quantity.ofLots(1)))))
                .when(adjust("adj-2", -100))
                .expectState(account -> {
                    SerializedObject<String> snapshot = serializer.serialize(account, String.class);
                    Account restored = serializer.deserialize(snapshot);
                    assertThat(snapshot.getData()).contains("pay-1", "CREDITED", "pay-3", "RESERVED",
                            "TRADING", "transfer-in-1", "transfer-out-1");
                    assertThat(restored).usingRecursiveComparison().isEqualTo(account);
                });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void settledTradesSurviveAJacksonRoundTripAsWatermarksAndGaps(boolean withModules) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(withModules ? new ObjectMapper().findAndRegisterModules() : new ObjectMapper())
                .build();
        TradeId brkFirst = TradeId.of(Symbol.of("BRK.B"), 1);
        fixture.given(opened(), deposited("adj-1", 5_000), issued(10), cashReserved(1_100),
                        buySettled(TRADE, 1, 100, 1), buySettled(TradeId.of(ACME, 4), 1, 100, 1),
                        sellSettled(TRADE_2, 1, 100, 1),
                        new FeesCollectedEvent(ACCOUNT, TRADE_2, Cash.ofCents(3)),
                        new FeesCollectedEvent(ACCOUNT, TRADE, Cash.ofCents(3)),
                        new FeesCollectedEvent(ACCOUNT, brkFirst, Cash.ofCents(3)))
                .when(settleBuy(TradeId.of(ACME, 6), 1, 100, 1))
                .expectState(account -> {
                    SerializedObject<String> snapshot = serializer.serialize(account, String.class);
                    Account restored = serializer.deserialize(snapshot);
                    assertThat(snapshot.getData()).doesNotContain("ACME-").contains("BRK.B");
                    assertThat(restored).usingRecursiveComparison().isEqualTo(account);
                });
    }
}
