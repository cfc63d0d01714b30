package io.tandem.contracts.portfolio;

import java.util.List;


public record OrderPage(List<OrderView> items, String endCursor, boolean hasNextPage) {
}
