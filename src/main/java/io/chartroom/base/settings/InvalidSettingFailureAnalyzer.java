package io.chartroom.base.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a bad setting as one clear report instead of a wall of stack traces. */
public class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        return new FailureAnalysis(
                "Chartroom cannot start: the setting '" + cause.setting() + "' is not usable.\n\n    " + cause.problem(),
                "Fix '" + cause.setting() + "' (see the Configuration section of README.md) and start Chartroom again.",
                cause);
    }
}
