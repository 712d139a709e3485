package io.chartroom.adoption.helmfile;

import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites calls inside a template's actions ({@code {{ ... }}}) only: text outside them is what helmfile writes out
 * as it is, and is left alone.
 */
final class TemplateActions {

    private static final Pattern ACTION = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);

    private TemplateActions() {
    }

    /** Each match of {@code call} inside an action replaced by what {@code replacement} makes of it and its line (1-based). */
    static String rewrite(String text, Pattern call, BiFunction<Matcher, Integer, String> replacement) {
        Matcher action = ACTION.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (action.find()) {
            out.append(text, last, action.start());
            Matcher inside = call.matcher(action.group());
            StringBuilder rewritten = new StringBuilder();
            while (inside.find()) {
                int line = lineOf(text, action.start() + inside.start());
                inside.appendReplacement(rewritten, Matcher.quoteReplacement(replacement.apply(inside, line)));
            }
            inside.appendTail(rewritten);
            out.append(rewritten);
            last = action.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /** The first match of {@code call} inside an action, as its line; 0 when there is none. */
    static int firstLine(String text, Pattern call) {
        Matcher action = ACTION.matcher(text);
        while (action.find()) {
            Matcher inside = call.matcher(action.group());
            if (inside.find()) {
                return lineOf(text, action.start() + inside.start());
            }
        }
        return 0;
    }

    static int lineOf(CharSequence text, int offset) {
        return (int) text.subSequence(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
