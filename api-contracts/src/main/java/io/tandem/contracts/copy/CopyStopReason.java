package io.tandem.contracts.copy;

/** Why a copy stopped: its copier (or an admin) stopped it, or its copy stop-loss fired. */
public enum CopyStopReason { BY_COPIER, BY_ADMIN, STOP_LOSS }
