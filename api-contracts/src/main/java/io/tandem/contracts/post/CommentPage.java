package io.tandem.contracts.post;

import java.util.List;

public record CommentPage(List<CommentView> items, String endCursor, boolean hasNextPage) {
}
