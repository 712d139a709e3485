package io.chartroom.reconcile.domain;

/** Whether a unit's cluster holds what main describes. */
public enum SyncState { SYNCED, OUT_OF_SYNC, FAILED, UNKNOWN }
