package io.tandem.contracts.feed;

/** One item of a home timeline: the post, and the cursor that names its place in the timeline. */
public record FeedEntry(String postId, String cursor) {
}
