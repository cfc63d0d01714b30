package io.tandem.contracts.payment;

public enum PaymentDirection { DEPOSIT, WITHDRAWAL }
