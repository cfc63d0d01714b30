package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;

import java.util.List;

/**
 * The first page of comments of each of several posts (a page of a feed), in one round trip; each
 * page as {@link FindCommentsQuery} without a cursor would answer it. Answers {@link CommentPages}.
 */
public record FindCommentsOfPostsQuery(List<PostId> postIds, UserId viewer, int first) {

    public FindCommentsOfPostsQuery {
        postIds = List.copyOf(postIds);
    }
}
