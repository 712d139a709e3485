package io.chartroom.base.event;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service method whose failure must be in the audit log: when it throws, the action is recorded with
 * outcome FAILURE (or DENIED when the caller lacked the right), after its transaction has rolled back. A
 * success is audited by the method itself, with the same action name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    /** The action as the method audits its success, e.g. {@code change_request.merged}. */
    String value();

    /** The kind of target, e.g. {@code change_request}. */
    String targetType();

    /**
     * The argument that names the target: a name or id, or a record with a {@code name()} accessor; -1 for
     * none (the target is then left empty).
     */
    int target() default 0;
}
