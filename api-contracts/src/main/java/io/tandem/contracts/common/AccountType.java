package io.tandem.contracts.common;

/** TRADING for users (and issuers), FEE for the single platform fee account, COPY for copy allocations. */
public enum AccountType { TRADING, FEE, COPY }
