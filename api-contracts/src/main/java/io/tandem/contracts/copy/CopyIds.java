package io.tandem.contracts.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids of everything a copy creates, so that every step can be retried or replayed and
 * lands on what the first attempt created (name-based UUIDs over NUL-separated parts, as
 * {@code SocialIds}). The client order ids of a copy's orders are scoped to its COPY account (order
 * entry keys client order ids per account), so they only need to name the cause: a leader trade is
 * mirrored under {@code m-<tradeId>} and can therefore be placed into one copy at most once, whoever
 * retries it. All ids stay within order entry's 64 characters (a trade id is a symbol of at most 12
 * characters and a long).
 */
public final class CopyIds {

    private CopyIds() {
    }

    /** The copy {@code copier} started as {@code clientCopyId}. */
    public static CopyId copy(UserId copier, String clientCopyId) {
        return CopyId.of("copy-" + uuid("copy", copier.value(), clientCopyId));
    }

    /** The COPY account of a copy: one per copy, opened when it starts. */
    public static AccountId copyAccount(CopyId copyId) {
        return AccountId.of("copyacct-" + uuid("copy-account", copyId.value()));
    }

    /** The copier's allowance aggregate (how many active copies the copier has). */
    public static String allowance(UserId copier) {
        return "copier-" + uuid("copier", copier.value());
    }

    /** Client order id of the mirror of {@code leaderTrade} (in the copy's COPY account). */
    public static String mirrorOrder(TradeId leaderTrade) {
        return "m-" + leaderTrade.value();
    }

    /** Client order id of the buy that mirrors the leader's open position in {@code symbol} when the copy starts. */
    public static String openPositionOrder(Symbol symbol) {
        return "open-" + symbol.value();
    }

    /** Client order id of the {@code n}-th sell the copy sent for {@code symbol} to close it or to stop the copy (n from 1). */
    public static String closeOrder(Symbol symbol, long n) {
        return "close-" + symbol.value() + "-" + n;
    }

    /** Id of the {@code n}-th cash transfer of a copy (n from 1: the funding at start is 1). */
    public static String transfer(CopyId copyId, long n) {
        return "xfer-" + uuid("transfer", copyId.value(), Long.toString(n));
    }

    /**
     * Id of the cash transfer of the funds change the caller sent as {@code clientRequestId}: the same
     * request retried lands on the same transfer, whatever the copy's count of changes is by then.
     */
    public static String transfer(CopyId copyId, String clientRequestId) {
        return "xfer-" + uuid("transfer-request", copyId.value(), clientRequestId);
    }

    private static String uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
