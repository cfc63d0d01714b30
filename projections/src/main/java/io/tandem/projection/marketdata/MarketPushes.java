package io.tandem.projection.marketdata;

import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.MarketChange;
import io.tandem.projection.support.BatchEnd;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Pushes of the market-data subscriptions, for the projectors whose read models they announce. The
 * symbols somebody subscribed to are read from the emitter once per batch and per query type (empty,
 * and cheap, when nobody listens), so a projector pays nothing per event for a book without
 * subscribers. A {@link MarketChange} ("read the book again") is pushed once per batch and symbol,
 * however many of the batch's events changed the book; {@link #push} sends one update per call (a
 * trade of the tape). Axon sends either after the batch commits, so a subscriber that reads again
 * sees what the batch wrote. Callers push only live events, never during a replay.
 * <p>
 * {@link #none()} is for tools and tests that build a projector by hand: an emitter nobody subscribes to.
 */
final class MarketPushes {

    private static final String SUBSCRIBED = MarketPushes.class.getName() + ".subscribed.";
    private static final String CHANGED = MarketPushes.class.getName() + ".changed.";

    private final QueryUpdateEmitter emitter;

    MarketPushes(QueryUpdateEmitter emitter) {
        this.emitter = emitter;
    }

    static MarketPushes none() {
        return new MarketPushes(SimpleQueryUpdateEmitter.builder().build());
    }

    /** Whether a subscription of {@code queryType} for the book is open (as of this batch's first look). */
    <Q> boolean subscribed(Class<Q> queryType, Function<Q, Symbol> symbolOf, Symbol symbol) {
        return BatchEnd.state(SUBSCRIBED + queryType.getName(), () -> readSubscribed(queryType, symbolOf))
                .contains(symbol.value());
    }

    /** Sends {@code update} to the subscriptions of {@code queryType} for the book. */
    <Q> void push(Class<Q> queryType, Function<Q, Symbol> symbolOf, Symbol symbol, Object update) {
        emitter.emit(queryType, query -> symbol.equals(symbolOf.apply(query)), update);
    }

    /** Records that the book's read model changed: its subscribers get one {@link MarketChange} when the batch ends. */
    <Q> void changed(Class<Q> queryType, Function<Q, Symbol> symbolOf, Symbol symbol) {
        if (!subscribed(queryType, symbolOf, symbol)) {
            return;
        }
        String key = CHANGED + queryType.getName();
        Set<Symbol> changed = BatchEnd.state(key, LinkedHashSet::new);
        changed.add(symbol);
        BatchEnd.once(key, () -> {
            for (Symbol book : changed) {
                push(queryType, symbolOf, book, new MarketChange(book.value()));
            }
        });
    }

    private <Q> Set<String> readSubscribed(Class<Q> queryType, Function<Q, Symbol> symbolOf) {
        Set<SubscriptionQueryMessage<?, ?, ?>> subscriptions = emitter.activeSubscriptions();
        if (subscriptions.isEmpty()) {
            return Set.of();
        }
        Set<String> symbols = new HashSet<>();
        for (SubscriptionQueryMessage<?, ?, ?> subscription : subscriptions) {
            if (queryType.isInstance(subscription.getPayload())) {
                Symbol symbol = symbolOf.apply(queryType.cast(subscription.getPayload()));
                if (symbol != null) {
                    symbols.add(symbol.value());
                }
            }
        }
        return symbols;
    }
}
