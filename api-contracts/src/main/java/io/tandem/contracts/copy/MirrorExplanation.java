package io.tandem.contracts.copy;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.TradeId;

import java.math.BigDecimal;

/**
 * Why a mirrored (or skipped) order has its size; recorded in the copy's events.
 *
 * @param leaderTradeId the leader trade mirrored; null for a mirror of the leader's open position at start
 * @param leaderEquity  the leader's public account equity just before that trade (cash plus positions at last prices)
 * @param copyEquity    the COPY account's equity valued the same way at the same moment
 * @param ratio         PROPORTIONAL buys: copyEquity / leaderEquity; FIXED_AMOUNT buys: amount per trade / trade notional;
 *                      sells: the fraction of the leader's position the trade sold. Exact to 10 decimals, rounded down;
 *                      for display only (never multiplied, so its rounding costs no lots).
 * @param rawQuantity   the unrounded quantity in lots: leader quantity x copyEquity / leaderEquity (sells: copy position
 *                      x leader quantity / leader position before; FIXED_AMOUNT: amount per trade / one lot's notional),
 *                      one division done last, 10 decimals rounded down
 * @param finalQuantity the quantity ordered (zero for a skip)
 * @param cutBy         what made finalQuantity smaller than rawQuantity
 */
public record MirrorExplanation(TradeId leaderTradeId, Cash leaderEquity, Cash copyEquity, BigDecimal ratio,
                                BigDecimal rawQuantity, Quantity finalQuantity, MirrorCut cutBy) {
}
