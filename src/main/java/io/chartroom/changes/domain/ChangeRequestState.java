package io.chartroom.changes.domain;

public enum ChangeRequestState { OPEN, MERGED, CLOSED }
