package io.tandem.contracts.post;

import java.util.List;

/** The comment pages of {@link FindCommentsOfPostsQuery}, one per post asked for, in the order asked. */
public record CommentPages(List<CommentPage> pages) {

    public CommentPages {
        pages = List.copyOf(pages);
    }
}
