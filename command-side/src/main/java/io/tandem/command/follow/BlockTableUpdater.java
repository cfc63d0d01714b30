package io.tandem.command.follow;

import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.follow.TraderUnblockedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the block table in step with the relationships, in a subscribing processor whose errors
 * propagate (see {@link FollowConfiguration}): a block is in force for the very next request, and a
 * failure to record it fails the block. Blocks of one pair are serialized by their relationship
 * aggregate, so two transactions never write the same row. Both handlers are idempotent (insert if
 * missing, delete if present) for {@link io.tandem.command.support.LookupTableRebuild}.
 */
@Component
@ProcessingGroup(BlockTableUpdater.PROCESSING_GROUP)
class BlockTableUpdater {

    static final String PROCESSING_GROUP = "trader-blocks";

    private final TraderBlockRepository blocks;

    BlockTableUpdater(TraderBlockRepository blocks) {
        this.blocks = blocks;
    }

    @EventHandler
    void on(TraderBlockedEvent event) {
        TraderBlock.Key key = new TraderBlock.Key(event.actor().value(), event.target().value());
        if (!blocks.existsById(key)) {
            blocks.save(new TraderBlock(key));
        }
    }

    @EventHandler
    void on(TraderUnblockedEvent event) {
        blocks.deleteById(new TraderBlock.Key(event.actor().value(), event.target().value()));
    }
}
