package io.tandem.command.copy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.common.*;
import io.tandem.contracts.copy.*;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.tandem.command.copy.CopyFixtures.*;
import static io.tandem.command.copy.CopySizingTest.BUY_PROTECTION;
import static io.tandem.command.copy.CopySizingTest.HUNDRED;
import static io.tandem.command.copy.CopySizingTest.SELL_PROTECTION;
import static io.tandem.command.copy.CopySizingTest.SHARE;
import static io.tandem.command.copy.CopySizingTest.SPEC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mirroring leader trades into a copy: 10 shares bought by a leader with 10,000.00 are 1 share in a
 * copy with 1,000.00 (see {@link CopySizingTest} for the instrument).
 */
class CopyRelationshipMirrorTest {

    static final TradeId TRADE_7 = TradeId.of(ACME, 7);

    private FixtureConfiguration<CopyRelationship> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CopyRelationship.class);
    }

    static MirrorLeaderTradeCommand buy(TradeId trade, long copyCash) {
        return new MirrorLeaderTradeCommand(COPY, trade, ACME, Side.BUY, Quantity.ofLots(10 * SHARE), HUNDRED,
                Cash.ofCents(10_000_00), Cash.ofCents(1_000_00), Quantity.ZERO, Cash.ofCents(copyCash), Quantity.ZERO,
                BUY_PROTECTION, SPEC, null, AT);
    }

    static MirrorExplanation placedExplanation(TradeId trade) {
        return new MirrorExplanation(trade, Cash.ofCents(10_000_00), Cash.ofCents(1_000_00),
                new BigDecimal("0.1000000000"), new BigDecimal("10000.0000000000"), Quantity.ofLots(SHARE), MirrorCut.NONE);
    }

    static LeaderTradeMirroredEvent mirrored(TradeId trade) {
        String clientOrderId = CopyIds.mirrorOrder(trade);
        return new LeaderTradeMirroredEvent(COPY, COPY_ACCOUNT, orderOf(clientOrderId), clientOrderId, ACME, Side.BUY,
                placedExplanation(trade), AT);
    }

    @Test
    void anActiveCopyMirrorsALeaderBuy() {
        fixture.given(started())
                .when(buy(TRADE_7, 1_000_00))
                .expectEvents(mirrored(TRADE_7))
                .expectResultMessagePayload(new MirrorDecision(MirrorDecision.Kind.PLACE, Quantity.ofLots(SHARE), null,
                        placedExplanation(TRADE_7)));
    }

    @Test
    void aBuyTheCopyCannotPayIsSkipped() {
        MirrorExplanation explanation = new MirrorExplanation(TRADE_7, Cash.ofCents(10_000_00), Cash.ofCents(1_000_00),
                new BigDecimal("0.1000000000"), new BigDecimal("10000.0000000000"), Quantity.ZERO, MirrorCut.CASH);
        fixture.given(started())
                .when(buy(TRADE_7, 0))
                .expectEvents(new LeaderTradeSkippedEvent(COPY, ACME, Side.BUY, MirrorSkipReason.NO_CASH, null, explanation, AT))
                .expectResultMessagePayload(new MirrorDecision(MirrorDecision.Kind.SKIPPED, null, MirrorSkipReason.NO_CASH,
                        explanation));
    }

    @Test
    void aPausedCopyIgnoresLeaderTrades() {
        fixture.given(started(), new CopyPausedEvent(COPY, AT))
                .when(buy(TRADE_7, 1_000_00))
                .expectNoEvents()
                .expectResultMessagePayload(MirrorDecision.ignored());
    }

    @Test
    void aStoppingCopyIgnoresLeaderTrades() {
        fixture.given(started(), stopping())
                .when(buy(TRADE_7, 1_000_00))
                .expectNoEvents()
                .expectResultMessagePayload(MirrorDecision.ignored());
    }

    @Test
    void theSameLeaderTradeAgainIsIgnored() {
        fixture.given(started(), mirrored(TRADE_7))
                .when(buy(TRADE_7, 1_000_00))
                .expectNoEvents()
                .expectResultMessagePayload(MirrorDecision.ignored());
    }

    @Test
    void anOlderLeaderTradeIsIgnored() {
        fixture.given(started(), mirrored(TRADE_7))
                .when(buy(TradeId.of(ACME, 5), 1_000_00))
                .expectNoEvents()
                .expectResultMessagePayload(MirrorDecision.ignored());
    }

    @Test
    void aLaterLeaderTradeIsMirrored() {
        TradeId trade = TradeId.of(ACME, 8);
        fixture.given(started(), mirrored(TRADE_7))
                .when(buy(trade, 1_000_00))
                .expectEvents(mirrored(trade));
    }

    @Test
    void aTradeOfAnotherBookHasItsOwnWatermark() {
        Symbol beta = Symbol.of("BETA");
        TradeId betaTrade = TradeId.of(beta, 2);
        fixture.given(started(), mirrored(TradeId.of(ACME, 50)))
                .when(new MirrorLeaderTradeCommand(COPY, betaTrade, beta, Side.SELL, Quantity.ofLots(SHARE), HUNDRED,
                        Cash.ofCents(10_000_00), Cash.ofCents(1_000_00), Quantity.ofLots(SHARE), Cash.ZERO, Quantity.ZERO,
                        SELL_PROTECTION, SPEC, null, AT))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                Matchers.instanceOf(LeaderTradeSkippedEvent.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void theLeadersOpenPositionIsMirroredOnceUnderItsOwnOrder() {
        String clientOrderId = CopyIds.openPositionOrder(ACME);
        MirrorExplanation explanation = new MirrorExplanation(null, Cash.ofCents(10_000_00), Cash.ofCents(1_000_00),
                new BigDecimal("0.1000000000"), new BigDecimal("10000.0000000000"), Quantity.ofLots(SHARE), MirrorCut.NONE);
        fixture.given(started())
                .when(buy(null, 1_000_00))
                .expectEvents(new LeaderTradeMirroredEvent(COPY, COPY_ACCOUNT, orderOf(clientOrderId), clientOrderId, ACME,
                        Side.BUY, explanation, AT));
    }

    @Test
    void theLeadersOpenPositionMirroredBeforeIsIgnored() {
        String clientOrderId = CopyIds.openPositionOrder(ACME);
        MirrorExplanation explanation = new MirrorExplanation(null, Cash.ofCents(10_000_00), Cash.ofCents(1_000_00),
                new BigDecimal("0.1000000000"), new BigDecimal("10000.0000000000"), Quantity.ofLots(SHARE), MirrorCut.NONE);
        fixture.given(started(), new LeaderTradeMirroredEvent(COPY, COPY_ACCOUNT, orderOf(clientOrderId), clientOrderId, ACME,
                        Side.BUY, explanation, AT))
                .when(buy(null, 1_000_00))
                .expectNoEvents()
                .expectResultMessagePayload(MirrorDecision.ignored());
    }

    @Test
    void aRefusedMirrorIsRecordedAsASkipAndDecidesTheTrade() {
        fixture.given(started())
                .when(new RecordMirrorRefusalCommand(COPY, TRADE_7, ACME, Side.BUY, placedExplanation(TRADE_7),
                        "INSUFFICIENT_FUNDS", "no cash", AT))
                .expectEvents(new LeaderTradeSkippedEvent(COPY, ACME, Side.BUY, MirrorSkipReason.ORDER_REFUSED,
                        "INSUFFICIENT_FUNDS", new MirrorExplanation(TRADE_7, Cash.ofCents(10_000_00), Cash.ofCents(1_000_00),
                        new BigDecimal("0.1000000000"), new BigDecimal("10000.0000000000"), Quantity.ZERO, MirrorCut.NONE), AT));
    }

    @Test
    void aRefusalRecordedAgainChangesNothing() {
        fixture.given(started(), new LeaderTradeSkippedEvent(COPY, ACME, Side.BUY, MirrorSkipReason.ORDER_REFUSED,
                        "INSUFFICIENT_FUNDS", placedExplanation(TRADE_7), AT))
                .when(new RecordMirrorRefusalCommand(COPY, TRADE_7, ACME, Side.BUY, placedExplanation(TRADE_7),
                        "INSUFFICIENT_FUNDS", "no cash", AT))
                .expectNoEvents();
    }

    @Test
    void aTradeWhoseRefusalWasRecordedIsIgnored() {
        fixture.given(started(), new LeaderTradeSkippedEvent(COPY, ACME, Side.BUY, MirrorSkipReason.ORDER_REFUSED,
                        "INSUFFICIENT_FUNDS", placedExplanation(TRADE_7), AT))
                .when(buy(TRADE_7, 1_000_00))
                .expectNoEvents()
                .expectResultMessagePayload(MirrorDecision.ignored());
    }

    @Test
    void aCopySurvivesAJacksonRoundTrip() {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        fixture.given(started(), mirrored(TRADE_7),
                        new CopySellRequestedEvent(COPY, COPY_ACCOUNT, orderOf("close-ACME-1"), "close-ACME-1", ACME,
                                Quantity.ofLots(1), false, AT),
                        new CopyFundsChangedEvent(COPY, CopyIds.transfer(COPY, 2), Cash.ofCents(1_00), Cash.ofCents(1_000_01),
                                Cash.ofCents(900_01), AT),
                        new CopyFundsChangedEvent(COPY, CopyIds.transfer(COPY, "req-b"), Cash.ofCents(1_00), Cash.ofCents(1_000_02),
                                Cash.ofCents(900_01), AT, "req-b"),
                        new CopyFundsChangedEvent(COPY, CopyIds.transfer(COPY, "req-a"), Cash.ofCents(1_00), Cash.ofCents(1_000_03),
                                Cash.ofCents(900_02), AT, "req-a"))
                .when(buy(null, 1_000_00))
                .expectState(copy -> {
                    SerializedObject<String> snapshot = serializer.serialize(copy, String.class);
                    CopyRelationship restored = serializer.deserialize(snapshot);
                    assertThat(snapshot.getData()).contains("ACME", "ACTIVE");
                    // the remembered funds requests keep the order they were applied in (the oldest is forgotten first)
                    assertThat(snapshot.getData().indexOf("req-b")).isLessThan(snapshot.getData().indexOf("req-a"));
                    assertThat(restored).usingRecursiveComparison().isEqualTo(copy);
                });
    }
}
