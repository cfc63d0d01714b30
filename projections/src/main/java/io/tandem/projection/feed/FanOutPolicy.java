package io.tandem.projection.feed;

import io.tandem.contracts.common.UserId;

/**
 * The hook for hybrid fan-out. Fan-out on write costs one timeline write per follower per post: fine
 * for thousands of followers (see the README's figures), not for an account with millions. Such
 * authors would be <em>pulled</em> instead: their posts stay only in their own recent-posts index
 * ({@code feed_recent_posts}), and a feed read merges the owner's timeline with the recent posts of
 * the few pulled authors the owner follows (a range read each, newest first, cut at the cursor's
 * key, since both use the same inverted-time keys). A policy would answer false above a follower
 * threshold (say 100,000, from the followers count the {@code social} group keeps).
 * <p>
 * When this answers false, the projector writes the post to the author's own timeline and recent
 * posts only. The read-time merge is not built: {@link #ALWAYS_PUSH} is the policy in use.
 */
@FunctionalInterface
public interface FanOutPolicy {

    FanOutPolicy ALWAYS_PUSH = author -> true;

    /** Whether {@code author}'s posts are written into their followers' timelines. */
    boolean pushes(UserId author);
}
