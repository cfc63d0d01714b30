package io.tandem.projection.support;

/**
 * Field names of an account document in {@link ReadModelCollections#ACCOUNTS}, shared by the
 * portfolio (which writes it) and the ledger (which sums it).
 * <pre>
 * { _id, owner, type, available, reserved, adjustmentsTotal, depositsTotal, withdrawalsTotal,
 *   positions: { &lt;key&gt;: { symbol, quantity, reserved } }, lastSeq }
 * </pre>
 * The three totals record where the account's cash came from (admin adjustments, credited deposits)
 * and where it went (debited withdrawals), so the ledger can check that no cash appeared or vanished.
 * Cash is in cents, position quantities in lots. Symbols may contain dots, which MongoDB reads as
 * path separators, so positions are keyed by {@link #positionKey(String)} and carry the symbol.
 * <p>
 * A transfer between two accounts ({@link ReadModelCollections#TRANSFERS}, {@code _id} the transfer id),
 * one half written by each account's event:
 * <pre>
 * { from, to, outCash, inCash, outPositions: { &lt;key&gt;: { symbol, quantity } }, inPositions: {...} }
 * </pre>
 */
public final class AccountDocuments {

    public static final String OWNER = "owner";
    public static final String TYPE = "type";
    public static final String AVAILABLE = "available";
    public static final String RESERVED = "reserved";
    public static final String ADJUSTMENTS_TOTAL = "adjustmentsTotal";
    public static final String DEPOSITS_TOTAL = "depositsTotal";
    public static final String WITHDRAWALS_TOTAL = "withdrawalsTotal";
    public static final String POSITIONS = "positions";
    public static final String POSITION_SYMBOL = "symbol";
    public static final String POSITION_QUANTITY = "quantity";
    public static final String POSITION_RESERVED = "reserved";

    public static final String TRANSFER_FROM = "from";
    public static final String TRANSFER_TO = "to";
    public static final String TRANSFER_OUT_CASH = "outCash";
    public static final String TRANSFER_IN_CASH = "inCash";
    public static final String TRANSFER_OUT_POSITIONS = "outPositions";
    public static final String TRANSFER_IN_POSITIONS = "inPositions";

    /** The platform fee account: its cash is the fees total of the ledger. */
    public static final String FEE_ACCOUNT_ID = "platform-fees";

    private AccountDocuments() {
    }

    /** Key of a symbol's entry under {@link #POSITIONS}: the symbol with dots replaced (symbols never contain '_'). */
    public static String positionKey(String symbol) {
        return symbol.replace('.', '_');
    }

    /** Path of a field of a symbol's position, e.g. {@code positions.ACME.quantity}. */
    public static String positionPath(String symbol, String field) {
        return POSITIONS + "." + positionKey(symbol) + "." + field;
    }
}
