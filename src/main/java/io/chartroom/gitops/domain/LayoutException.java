package io.chartroom.gitops.domain;

/** A file in the GitOps repository that is not what Chartroom writes; the message names the file and line. */
public class LayoutException extends RuntimeException {
    public LayoutException(String message) {
        super(message);
    }
}
