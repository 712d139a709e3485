package io.chartroom.base.error;

/**
 * Rules for text people type that ends up in Git, the audit log or other people's screens: a length limit,
 * single-line fields without line breaks or control characters (a title cannot smuggle a trailer line into a
 * commit message), and "visible text" that is more than spaces or invisible characters.
 */
public final class UserText {

    public static final int TITLE = 200;
    public static final int DESCRIPTION = 20_000;
    public static final int MESSAGE = 5_000;
    public static final int SHORT = 500;

    private UserText() {}

    /** Whether the text holds at least one letter, digit or symbol one can see. */
    public static boolean visible(String text) {
        return text != null && text.codePoints().anyMatch(c -> Character.isLetterOrDigit(c)
                || (!Character.isWhitespace(c) && !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                && Character.getType(c) != Character.SPACE_SEPARATOR && Character.isDefined(c)));
    }

    /** A one-line field (title, name-like text): at most {@code max} characters, no line break or control character. */
    public static void singleLine(String location, String text, int max) {
        if (text == null) {
            return;
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            throw InvalidInputException.of(location, "must be one line, without line breaks or control characters");
        }
        maxLength(location, text, max);
    }

    /** A multi-line field: at most {@code max} characters. */
    public static void maxLength(String location, String text, int max) {
        if (text != null && text.length() > max) {
            throw InvalidInputException.of(location, "holds at most " + String.format("%,d", max) + " characters, not "
                    + String.format("%,d", text.length()));
        }
    }

    /** A field that must say something (a reason): visible text, at most {@code max} characters. */
    public static String requireVisible(String location, String text, int max) {
        if (!visible(text)) {
            throw InvalidInputException.of(location, "write a reason in words: spaces or invisible characters are not one");
        }
        maxLength(location, text, max);
        return text.strip();
    }
}
