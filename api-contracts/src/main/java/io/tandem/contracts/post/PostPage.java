package io.tandem.contracts.post;

import java.util.List;

public record PostPage(List<PostView> items, String endCursor, boolean hasNextPage) {
}
