package io.tandem.command.follow;

import io.tandem.contracts.common.UserId;

/**
 * Who blocked whom, as the command side knows it: a lookup table kept in the transaction of the
 * relationship events, so a block is in force for the very next request. Post entry checks it before
 * a comment or a like (403 BLOCKED).
 */
public interface BlockList {

    /** Whether {@code blocker} has blocked {@code blocked}. */
    boolean blocks(UserId blocker, UserId blocked);
}
