package io.tandem.contracts.post;

/** TEXT: written by its author; TRADE: made by the platform from a sharing trader's order on its public account. */
public enum PostKind { TEXT, TRADE }
