package io.tandem.projection.performance;

import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.Numbers;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Field names and ids of the performance read models. Cash in cents, quantities in lots, prices in
 * ticks, days as ISO dates (UTC); positions keyed by {@link io.tandem.projection.support.AccountDocuments#positionKey}.
 * <pre>
 * valuations      { _id: accountId, owner, type, cash, netDeposits, realized, firstDay, day, previousDaySeq,
 *                   dayFlow, dayFlowValue, dayFlowGrowth, dayFlowStart, dayBuys, daySells, dayWins,
 *                   positions: { key: { symbol, quantity, cost, realized } }, lastSeq }
 * valuation_days  { _id: accountId U+0001 day, accountId, day, cash, netDeposits,
 *                   positions: { key: { symbol, quantity } }, flow, flowValue, flowGrowth, flowStart, buys, sells, wins,
 *                   lastSeq }
 * daily_closes    { _id: symbol U+0001 day, symbol, day, price, lastSeq }
 * ranked_traders  { _id: "t" U+0001 userId, kind: "trader", userId, handle, displayName, publicAccountId, lastSeq }
 *                 { _id: "c" U+0001 copyId, kind: "copy", copyId, leaderId, copyAccountId, status, live, lastSeq }
 * leaderboard     { _id: period U+0001 userId U+0001 from (19 digits), period, userId, handle, displayName, returnPercent,
 *                   maxDrawdownPercent, volatilityPercent, riskScore, copiers, assetsUnderCopy, winRatePercent, trades,
 *                   from, until (absent while current) }
 * leaderboard_runs { _id: generation (19 digits), generation, computedAt, superseded }
 * leaderboard_ranker { _id: "generations", last }  { _id: "lease", holder, until }  { _id: "reset", resets }
 * </pre>
 * A valuation is the account as of its last event: total cash (available + reserved), cumulative net
 * deposits and realized P&amp;L, each position's quantity, cost basis and realized P&amp;L (kept, at
 * quantity 0, once closed), the account's first day, the day of its last event ({@code day}) with what
 * that day did so far, and {@code previousDaySeq}, the sequence number of its last event before
 * {@code day}: the days before {@code day} have not changed since that event. A valuation day is the
 * account at the end of a day it had events (cash, held positions, net deposits to date) and what the
 * day did (net flow; with flows, the value just before the first, the inner product of its sub-period
 * factors as a 12-decimal string and the value just after the last, see
 * {@link PerformanceFormulas.DayFlows}; buys and sells settled, sells that realized a gain); days without events carry
 * the last one forward. A daily close is the price of a symbol's last trade of the day; its latest
 * close is its last price.
 */
final class PerformanceDocuments {

    static final String OWNER = "owner";
    static final String TYPE = "type";
    static final String CASH = "cash";
    static final String NET_DEPOSITS = "netDeposits";
    static final String REALIZED = "realized";
    static final String FIRST_DAY = "firstDay";
    static final String DAY = "day";
    static final String PREVIOUS_DAY_SEQ = "previousDaySeq";
    static final String DAY_FLOW = "dayFlow";
    static final String DAY_FLOW_VALUE = "dayFlowValue";
    static final String DAY_FLOW_GROWTH = "dayFlowGrowth";
    static final String DAY_FLOW_START = "dayFlowStart";
    static final String DAY_BUYS = "dayBuys";
    static final String DAY_SELLS = "daySells";
    static final String DAY_WINS = "dayWins";
    static final String POSITIONS = "positions";
    static final String SYMBOL = "symbol";
    static final String QUANTITY = "quantity";
    static final String COST = "cost";

    static final String ACCOUNT_ID = "accountId";
    static final String FLOW = "flow";
    static final String FLOW_VALUE = "flowValue";
    static final String FLOW_GROWTH = "flowGrowth";
    static final String FLOW_START = "flowStart";
    static final String BUYS = "buys";
    static final String SELLS = "sells";
    static final String WINS = "wins";

    static final String PRICE = "price";

    static final String KIND = "kind";
    static final String KIND_TRADER = "trader";
    static final String KIND_COPY = "copy";
    static final String USER_ID = "userId";
    static final String HANDLE = "handle";
    static final String DISPLAY_NAME = "displayName";
    static final String PUBLIC_ACCOUNT_ID = "publicAccountId";
    static final String COPY_ID = "copyId";
    static final String LEADER_ID = "leaderId";
    static final String COPY_ACCOUNT_ID = "copyAccountId";
    static final String STATUS = "status";
    static final String LIVE = "live";

    static final String PERIOD = "period";
    static final String RETURN_PERCENT = "returnPercent";
    static final String MAX_DRAWDOWN_PERCENT = "maxDrawdownPercent";
    static final String VOLATILITY_PERCENT = "volatilityPercent";
    static final String RISK_SCORE = "riskScore";
    static final String COPIERS = "copiers";
    static final String ASSETS_UNDER_COPY = "assetsUnderCopy";
    static final String WIN_RATE_PERCENT = "winRatePercent";
    static final String TRADES = "trades";
    static final String GENERATION = "generation";
    static final String COMPUTED_AT = "computedAt";
    static final String FROM = "from";
    static final String UNTIL = "until";
    static final String SUPERSEDED = "superseded";

    private PerformanceDocuments() {
    }

    /** The day's flows stored under {@code net}, {@code value}, {@code growth}, {@code start}; a document without {@code value} has them unvalued. */
    static PerformanceFormulas.DayFlows flows(Document document, String net, String value, String growth, String start) {
        long netCents = Numbers.longOf(document, net);
        if (document.get(value) == null) {
            return netCents == 0 ? PerformanceFormulas.DayFlows.NONE : PerformanceFormulas.DayFlows.unvalued(netCents);
        }
        return new PerformanceFormulas.DayFlows(netCents, Numbers.longOf(document, value), new BigDecimal(document.getString(growth)),
                Numbers.longOf(document, start));
    }

    /** Stores {@code flows} under the four names (the last three null without valued flows). */
    static Document putFlows(Document document, PerformanceFormulas.DayFlows flows, String net, String value, String growth,
                             String start) {
        boolean valued = flows.firstValueCents() != null;
        return document.append(net, flows.netCents()).append(value, valued ? flows.firstValueCents() : null)
                .append(growth, valued ? flows.innerGrowth().toPlainString() : null)
                .append(start, valued ? flows.lastStartCents() : null);
    }

    static String dayId(String accountId, LocalDate day) {
        return CompositeIds.of(accountId, day.toString());
    }

    static String closeId(String symbol, LocalDate day) {
        return CompositeIds.of(symbol, day.toString());
    }

    static String traderId(String userId) {
        return CompositeIds.of("t", userId);
    }

    static String copyId(String copyId) {
        return CompositeIds.of("c", copyId);
    }

    static String rankingId(String period, String userId) {
        return CompositeIds.of(period, userId);
    }

    static String runId(long generation) {
        return String.format("%019d", generation);
    }
}
