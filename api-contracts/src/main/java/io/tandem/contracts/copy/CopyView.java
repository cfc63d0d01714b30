package io.tandem.contracts.copy;

import java.util.List;

/**
 * A copy as its copier sees it; decimals are plain strings. {@code invested} is the net invested
 * amount (amount + added - removed); {@code equity} the COPY account's cash plus its positions at last
 * prices (cents rounded down); {@code pnl} equity - invested (for a closed copy: returned - invested);
 * {@code pnlPercent} pnl / invested x 100, two decimals rounded half-even.
 */
public record CopyView(String id, String copier, String fromAccountId, String copyAccountId, String leaderHandle,
                       String status, String sizing, String amountPerTrade, String stopLossPercent,
                       String stopLossEquity, String invested, String equity, String pnl, String pnlPercent,
                       String stopReason, String startedAt, String closedAt, List<CopyPositionView> positions) {
}
