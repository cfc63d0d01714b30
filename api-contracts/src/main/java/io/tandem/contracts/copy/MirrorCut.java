package io.tandem.contracts.copy;

/**
 * What made a mirrored order's final quantity smaller than its unrounded one: NONE (nothing but
 * nothing to cut), LOT_SIZE (rounded down to whole lots), CASH (cut to what the COPY account's
 * available cash can reserve at the market order's protection price, fee included), POSITION (cut to
 * the position the COPY account holds), ORDER_LIMIT (cut to the instrument's maximum order quantity
 * or notional). WHOLE_POSITION marks a sell raised to the whole position because the leader closed
 * theirs or what would remain is below the instrument's minimum notional.
 */
public enum MirrorCut { NONE, LOT_SIZE, CASH, POSITION, ORDER_LIMIT, WHOLE_POSITION }
