package io.tandem.command.orderbook;

import io.tandem.contracts.orderbook.CancelReason;

import java.util.List;

/**
 * What matching an incoming order against the book would do, computed without changing the book.
 * The aggregate turns a plan into events and its event handlers then change the book, so the
 * decision and the replay can never disagree.
 *
 * @param matches           executions in priority order (best price first, oldest first)
 * @param filledQuantity    sum of the matches
 * @param restingQuantity   what will rest in the book afterwards (GTC limit orders only)
 * @param cancelledQuantity what is cancelled at once, for {@code cancelReason}
 * @param cancelReason      why the remainder is cancelled, or null if nothing is
 */
public record MatchPlan(List<Match> matches, long filledQuantity, long restingQuantity, long cancelledQuantity,
                        CancelReason cancelReason) {

    public MatchPlan {
        matches = List.copyOf(matches);
    }

    /** One execution against a resting (maker) order, at the maker's price. */
    public record Match(String makerOrderId, String makerAccountId, long price, long quantity, boolean makerFilled) {
    }
}
