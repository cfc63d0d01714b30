package io.tandem.contracts.follow;

/** What one user can set towards another: follow (social only, it copies nothing), mute, block. */
public enum Relation { FOLLOW, MUTE, BLOCK }
