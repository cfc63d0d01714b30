package io.tandem.contracts.follow;

/** Why a follow ended: the follower unfollowed, or a block between the two ended it. */
public enum UnfollowReason { UNFOLLOWED, BLOCKED }
