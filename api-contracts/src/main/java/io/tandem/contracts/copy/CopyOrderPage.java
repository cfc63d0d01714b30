package io.tandem.contracts.copy;

import java.util.List;

public record CopyOrderPage(List<CopyOrderView> items, String endCursor, boolean hasNextPage) {
}
