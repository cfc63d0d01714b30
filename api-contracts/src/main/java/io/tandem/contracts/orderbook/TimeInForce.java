package io.tandem.contracts.orderbook;

/** GTC rests until filled or cancelled; IOC cancels whatever does not fill at once; FOK fills fully at once or not at all. */
public enum TimeInForce { GTC, IOC, FOK }
