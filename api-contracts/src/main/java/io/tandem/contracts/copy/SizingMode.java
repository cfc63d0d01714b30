package io.tandem.contracts.copy;

/**
 * How a copy sizes a mirrored buy. PROPORTIONAL: leader trade quantity x copy equity / leader equity;
 * FIXED_AMOUNT: amount per trade / trade price. Sells are always the leader's sold fraction of the position.
 */
public enum SizingMode { PROPORTIONAL, FIXED_AMOUNT }
