package io.tandem.projection.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.projection.support.CompositeIds;

/**
 * Field names of the copy read models.
 * <p>
 * A copy ({@code copies}, {@code _id} the copy id):
 * <pre>
 * { copier, fromAccountId, copyAccountId, leaderId, leaderHandle (at start), leaderAccountId, status, live,
 *   sizing, amountPerTrade (cents, null unless FIXED_AMOUNT), stopLossPercent (decimal string),
 *   stopLossEquity, amount, netInvested (cents), stopReason, startedAt (ISO), startedKey (epoch ns),
 *   closedAt, returnedCash (cents), lastSeq }
 * </pre>
 * A copy order or skip ({@code copy_orders}, {@code _id} copy id U+0001 {@link #orderKey inverted sequence}):
 * <pre>
 * { copyId, kind, orderId, leaderTradeId, symbol, side, quantity (lots), skipped, skipReason, skipDetail,
 *   explanation: { leaderEquity, copyEquity (cents), ratio, rawQuantity (lots, decimal strings),
 *                  finalQuantity (lots), cutBy }, createdAt (ISO) }
 * </pre>
 * A COPY account's cost basis in one symbol ({@code copy_positions}, {@code _id} account U+0001 symbol):
 * <pre>{ accountId, symbol, costLots, averageTicks (decimal string), lastSeq (the book's sequence) }</pre>
 */
final class CopyDocuments {

    static final String COPIER = "copier";
    static final String FROM_ACCOUNT_ID = "fromAccountId";
    static final String COPY_ACCOUNT_ID = "copyAccountId";
    static final String LEADER_ID = "leaderId";
    static final String LEADER_HANDLE = "leaderHandle";
    static final String LEADER_ACCOUNT_ID = "leaderAccountId";
    static final String STATUS = "status";
    static final String LIVE = "live";
    static final String SIZING = "sizing";
    static final String AMOUNT_PER_TRADE = "amountPerTrade";
    static final String STOP_LOSS_PERCENT = "stopLossPercent";
    static final String STOP_LOSS_EQUITY = "stopLossEquity";
    static final String AMOUNT = "amount";
    static final String NET_INVESTED = "netInvested";
    static final String STOP_REASON = "stopReason";
    static final String STARTED_AT = "startedAt";
    static final String STARTED_KEY = "startedKey";
    static final String CLOSED_AT = "closedAt";
    static final String RETURNED_CASH = "returnedCash";

    static final String COPY_ID = "copyId";
    static final String KIND = "kind";
    static final String ORDER_ID = "orderId";
    static final String LEADER_TRADE_ID = "leaderTradeId";
    static final String SYMBOL = "symbol";
    static final String SIDE = "side";
    static final String QUANTITY = "quantity";
    static final String SKIPPED = "skipped";
    static final String SKIP_REASON = "skipReason";
    static final String SKIP_DETAIL = "skipDetail";
    static final String EXPLANATION = "explanation";
    static final String LEADER_EQUITY = "leaderEquity";
    static final String COPY_EQUITY = "copyEquity";
    static final String RATIO = "ratio";
    static final String RAW_QUANTITY = "rawQuantity";
    static final String FINAL_QUANTITY = "finalQuantity";
    static final String CUT_BY = "cutBy";
    static final String CREATED_AT = "createdAt";

    static final String ACCOUNT_ID = "accountId";
    static final String COST_LOTS = "costLots";
    static final String AVERAGE_TICKS = "averageTicks";

    /** Fields of the orders read model (the {@code orders} group's documents) joined into copy orders. */
    static final String ORDER_STATUS = "status";
    static final String ORDER_FILLED = "filled";
    /** The last trade price (ticks) on a book of the {@code order-book} group's read model. */
    static final String BOOK_LAST_PRICE = "lastPrice";

    /** What every COPY account id starts with ({@link io.tandem.contracts.copy.CopyIds#copyAccount}). */
    private static final String COPY_ACCOUNT_PREFIX = "copyacct-";

    private CopyDocuments() {
    }

    /**
     * Whether {@code accountId} is a COPY account. Every COPY account is named by
     * {@code CopyIds.copyAccount}, and no other account has that prefix (trading accounts are
     * random UUIDs, the fee account is {@code platform-fees}), so a trade leg is told apart
     * without a look-up.
     */
    static boolean isCopyAccount(AccountId accountId) {
        return accountId != null && accountId.value().startsWith(COPY_ACCOUNT_PREFIX);
    }

    /**
     * The key of the copy's entry made by event {@code sequence} of its stream: the sequence
     * inverted and zero-padded, so that an {@code _id} range scan lists a copy's entries newest first,
     * in a total order a cursor can point into.
     */
    static String orderKey(long sequence) {
        return String.format("%019d", Long.MAX_VALUE - sequence);
    }

    static String orderId(String copyId, long sequence) {
        return CompositeIds.of(copyId, orderKey(sequence));
    }

    static String positionId(String accountId, String symbol) {
        return CompositeIds.of(accountId, symbol);
    }
}
