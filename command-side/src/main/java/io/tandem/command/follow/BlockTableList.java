package io.tandem.command.follow;

import io.tandem.contracts.common.UserId;
import org.springframework.stereotype.Component;

/** {@link BlockList} over the block table, read in the caller's transaction. */
@Component
class BlockTableList implements BlockList {

    private final TraderBlockRepository blocks;

    BlockTableList(TraderBlockRepository blocks) {
        this.blocks = blocks;
    }

    @Override
    public boolean blocks(UserId blocker, UserId blocked) {
        return blocks.existsById(new TraderBlock.Key(blocker.value(), blocked.value()));
    }
}
