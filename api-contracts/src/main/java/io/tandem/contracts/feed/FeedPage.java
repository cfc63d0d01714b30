package io.tandem.contracts.feed;

import java.util.List;

public record FeedPage(List<FeedEntry> items, String endCursor, boolean hasNextPage) {
}
