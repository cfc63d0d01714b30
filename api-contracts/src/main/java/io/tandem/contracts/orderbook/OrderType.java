package io.tandem.contracts.orderbook;

public enum OrderType { LIMIT, MARKET }
