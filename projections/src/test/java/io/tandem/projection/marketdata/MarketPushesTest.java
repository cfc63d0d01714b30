package io.tandem.projection.marketdata;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.CandleUpdatesQuery;
import io.tandem.contracts.marketdata.FindTradesQuery;
import io.tandem.contracts.marketdata.MarketChange;
import io.tandem.contracts.marketdata.OrderBookUpdatesQuery;
import io.tandem.contracts.marketdata.TradeUpdatesQuery;
import io.tandem.contracts.marketdata.TradeView;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.projection.feed.SocialEvents;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ProjectionBatches;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static io.tandem.projection.support.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The market-data pushes: a MarketChange once per batch and book for the candle and order-book
 * subscriptions, each trade of the tape as the trades query shows it; only to books somebody
 * subscribed to, and nothing during a replay.
 */
class MarketPushesTest extends MongoReadModelTest {

    private static final OrderPlacedEvent ASK = limit("a-1", "acc-s", Side.SELL, "10.00", "100", T0);
    private static final OrderPlacedEvent BID = limit("b-1", "acc-b", Side.BUY, "9.00", "1", T0);

    private final Set<SubscriptionQueryMessage<?, ?, ?>> subscriptions = new HashSet<>();
    private QueryUpdateEmitter emitter;
    private InstrumentFormats catalog;

    @BeforeEach
    void setUp() {
        subscriptions.clear();
        emitter = mock(QueryUpdateEmitter.class);
        when(emitter.activeSubscriptions()).thenReturn(subscriptions);
        catalog = new InstrumentFormats(database);
        new InstrumentProjector(catalog).on(acmeListed("1000"));
    }

    private void subscribe(Object query, Class<?> updateType) {
        subscriptions.add(new GenericSubscriptionQueryMessage<>(query, ResponseTypes.instanceOf(Boolean.class),
                ResponseTypes.instanceOf(updateType)));
    }

    /** ACME's stream: the listing, a resting ask and bid, then three buyers taking from the ask. */
    private static List<EventMessage<Object>> bookEvents() {
        CandleEvents trades = CandleEvents.acme();
        List<EventMessage<Object>> events = new ArrayList<>(List.of(
                ProjectionBatches.event("OrderBook", "ACME", 0, acmeListed("1000")),
                ProjectionBatches.event("OrderBook", "ACME", 1, ASK),
                ProjectionBatches.event("OrderBook", "ACME", 2, BID)));
        for (int i = 0; i < 3; i++) {
            OrderPlacedEvent buy = market("m-" + i, "acc-b", Side.BUY, "1", T0);
            events.add(ProjectionBatches.event("OrderBook", "ACME", 3 + 2L * i, buy));
            events.add(ProjectionBatches.event("OrderBook", "ACME", 4 + 2L * i,
                    trades.tradeEvent("t-" + i, "2025-01-01T10:00:0" + i + "Z", "10.00", "1")));
        }
        return events;
    }

    private static List<EventMessage<Object>> replayed(List<EventMessage<Object>> events) {
        return events.stream().map(event -> SocialEvents.replayed(event, event.getIdentifier().hashCode() & 0xffff)).toList();
    }

    @SuppressWarnings("unchecked")
    private <Q> Predicate<Q> verifyOneChange(Class<Q> queryType, String symbol) {
        ArgumentCaptor<Predicate<Q>> filter = ArgumentCaptor.forClass(Predicate.class);
        verify(emitter, times(1)).emit(eq(queryType), filter.capture(), eq((Object) new MarketChange(symbol)));
        return filter.getValue();
    }

    @Test
    void aBatchOfTradesAnnouncesTheCandlesOnce() {
        subscribe(new CandleUpdatesQuery(ACME), MarketChange.class);

        ProjectionBatches.inOneBatch(new CandleProjector(database, emitter), bookEvents());

        Predicate<CandleUpdatesQuery> filter = verifyOneChange(CandleUpdatesQuery.class, "ACME");
        assertThat(filter.test(new CandleUpdatesQuery(ACME))).isTrue();
        assertThat(filter.test(new CandleUpdatesQuery(Symbol.of("BETA")))).isFalse();
    }

    @Test
    void aBatchThatChangesTheBookAnnouncesItsDepthOnce() {
        subscribe(new OrderBookUpdatesQuery(ACME), MarketChange.class);

        ProjectionBatches.inOneBatch(new OrderBookProjector(database, emitter), bookEvents());

        Predicate<OrderBookUpdatesQuery> filter = verifyOneChange(OrderBookUpdatesQuery.class, "ACME");
        assertThat(filter.test(new OrderBookUpdatesQuery(ACME))).isTrue();
        assertThat(filter.test(new OrderBookUpdatesQuery(Symbol.of("BETA")))).isFalse();
    }

    @Test
    void eventByEventEachChangeIsAnnounced() {
        subscribe(new CandleUpdatesQuery(ACME), MarketChange.class);

        ProjectionBatches.oneByOne(new CandleProjector(database, emitter), bookEvents());

        verify(emitter, times(3)).emit(eq(CandleUpdatesQuery.class), any(), eq((Object) new MarketChange("ACME")));
    }

    @Test
    void eachTradeOfTheTapeIsPushedAsTheTradesQueryShowsIt() {
        subscribe(new TradeUpdatesQuery(ACME), TradeView.class);

        ProjectionBatches.inOneBatch(new TradeTapeProjector(database, catalog, emitter), bookEvents());

        ArgumentCaptor<Object> pushed = ArgumentCaptor.forClass(Object.class);
        verify(emitter, times(3)).emit(eq(TradeUpdatesQuery.class), any(), pushed.capture());
        List<TradeView> tape = new ArrayList<>(
                new TradeQueryHandler(database, catalog).find(new FindTradesQuery(ACME, 10, null)).items());
        Collections.reverse(tape);
        assertThat(pushed.getAllValues()).as("in book order").containsExactlyElementsOf(tape);
        assertThat(tape.get(0).price()).isEqualTo("10.00");
    }

    @Test
    void nothingIsPushedDuringAReplayOrForBooksNobodySubscribedTo() {
        subscribe(new CandleUpdatesQuery(ACME), MarketChange.class);
        subscribe(new OrderBookUpdatesQuery(ACME), MarketChange.class);
        subscribe(new TradeUpdatesQuery(ACME), TradeView.class);

        ProjectionBatches.inOneBatch(new CandleProjector(database, emitter), replayed(bookEvents()));
        ProjectionBatches.inOneBatch(new OrderBookProjector(database, emitter), replayed(bookEvents()));
        ProjectionBatches.inOneBatch(new TradeTapeProjector(database, catalog, emitter), replayed(bookEvents()));
        verify(emitter, never()).emit(any(Class.class), any(), any(Object.class));

        subscriptions.clear();
        subscribe(new CandleUpdatesQuery(Symbol.of("BETA")), MarketChange.class);
        subscribe(new TradeUpdatesQuery(Symbol.of("BETA")), TradeView.class);
        var live = emptyDatabase("tandem-test-live");
        new InstrumentProjector(new InstrumentFormats(live)).on(acmeListed("1000"));
        ProjectionBatches.inOneBatch(new CandleProjector(live, emitter), bookEvents());
        ProjectionBatches.inOneBatch(new TradeTapeProjector(live, new InstrumentFormats(live), emitter), bookEvents());
        verify(emitter, never()).emit(any(Class.class), any(), any(Object.class));
    }
}
