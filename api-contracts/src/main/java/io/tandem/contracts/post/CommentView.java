package io.tandem.contracts.post;

import java.util.List;

public record CommentView(String id, String postId, String authorId, String authorHandle, String authorDisplayName,
                          String text, List<String> mentions, String createdAt, String cursor) {
}
