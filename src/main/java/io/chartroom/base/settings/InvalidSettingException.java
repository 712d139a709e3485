package io.chartroom.base.settings;

/**
 * A configuration value that stops startup. It names the setting (and its environment variable) so the
 * operator knows what to fix; {@link InvalidSettingFailureAnalyzer} turns it into one short message.
 */
public class InvalidSettingException extends RuntimeException {

    private final String setting;

    public InvalidSettingException(String setting, String problem) {
        this(setting, problem, null);
    }

    public InvalidSettingException(String setting, String problem, Throwable cause) {
        super(setting + ": " + problem, cause);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    /** The message without the setting name in front. */
    public String problem() {
        return getMessage().substring(setting.length() + 2);
    }
}
