package io.tandem.command.post;

import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostDeletedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the posts lookup table in step with the posts. It runs in a subscribing processor whose
 * errors propagate ({@link PostConfiguration}), so a post is in the table, and a deletion marked, in
 * the very transaction that creates or deletes it: the next request sees it, and a rolled-back post
 * leaves no row. When the table is behind the event log, {@link io.tandem.command.support.LookupTableRebuild}
 * feeds these handlers the posts' events at startup; both are idempotent for that reason.
 */
@Component
@ProcessingGroup(PostLookupUpdater.PROCESSING_GROUP)
class PostLookupUpdater {

    static final String PROCESSING_GROUP = "post-lookup";

    private final PostLookupRepository repository;

    PostLookupUpdater(PostLookupRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(PostCreatedEvent event) {
        if (!repository.existsById(event.postId().value())) {
            repository.save(new PostLookupEntry(event.postId().value(), event.author().value()));
        }
    }

    @EventHandler
    void on(PostDeletedEvent event) {
        repository.findById(event.postId().value()).ifPresent(PostLookupEntry::markDeleted);
    }
}
