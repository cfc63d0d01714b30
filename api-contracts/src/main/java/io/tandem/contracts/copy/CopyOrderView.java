package io.tandem.contracts.copy;

/**
 * One order a copy placed, or one leader trade it skipped. {@code kind}: MIRROR (a leader trade),
 * OPEN_POSITION (the leader's position at start), CLOSE (a position closed by hand), STOP (sold while
 * stopping). {@code orderId}, {@code status} and {@code filledQuantity} are null for skips; status is
 * the order's as the orders read model has it. {@code explanation} is null for CLOSE and STOP.
 */
public record CopyOrderView(String orderId, String kind, String leaderTradeId, String symbol, String side,
                            String quantity, String status, String filledQuantity, boolean skipped, String skipReason,
                            String skipDetail, CopyExplanationView explanation, String createdAt, String cursor) {
}
