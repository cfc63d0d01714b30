package io.tandem.contracts.profile;

import java.util.List;

public record TraderPage(List<TraderSummary> items, String endCursor, boolean hasNextPage) {
}
