package io.chartroom.changes.domain;

/** A merge commit (main gets the branch's commits and a merge) or a squash (one new commit on main). */
public enum MergeMethod { MERGE, SQUASH }
