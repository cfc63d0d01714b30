package io.tandem.contracts.copy;

/**
 * Why a leader trade produced no order in a copy. BELOW_LOT_SIZE: the sized quantity rounds down to
 * zero lots; BELOW_MIN_NOTIONAL: it is below the instrument's minimum order notional; NO_POSITION: a
 * sell while the copy holds none of the symbol; NO_CASH: nothing affordable is left; NO_EQUITY: the
 * leader's or the copy's equity is not positive; ORDER_REFUSED: order entry refused the sized order
 * (its error code is recorded with it).
 */
public enum MirrorSkipReason { BELOW_LOT_SIZE, BELOW_MIN_NOTIONAL, NO_POSITION, NO_CASH, NO_EQUITY, ORDER_REFUSED }
