package io.tandem.contracts.copy;

/**
 * Why a copy stopped: its copier (or an admin) stopped it, its copy stop-loss fired, the leader
 * changed or removed the public account being copied (LEADER_CHANGED), or the leader and the
 * copier blocked each other (BLOCKED).
 */
public enum CopyStopReason { BY_COPIER, BY_ADMIN, STOP_LOSS, LEADER_CHANGED, BLOCKED }
