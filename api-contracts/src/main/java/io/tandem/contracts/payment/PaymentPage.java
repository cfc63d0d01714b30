package io.tandem.contracts.payment;

import java.util.List;


public record PaymentPage(List<PaymentView> items, String endCursor, boolean hasNextPage) {
}
