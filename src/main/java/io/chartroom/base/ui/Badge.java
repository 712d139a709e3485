package io.chartroom.base.ui;

import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/** A small label with a Lumo badge style: contrast (default), success, error or warning. */
public class Badge extends Span {

    public enum Tone { NEUTRAL, SUCCESS, ERROR, WARNING, PRIMARY }

    public Badge(String text, Tone tone) {
        super(text);
        themes(tone).forEach(getElement().getThemeList()::add);
        if (tone == Tone.WARNING) {
            addClassName(WARNING_CLASS);
        }
    }

    /**
     * The same badge as markup, for a row that must cost one server-side node instead of a component tree (long
     * lists: every component is state the server keeps per tab). The text is escaped.
     */
    public static String html(String text, Tone tone) {
        return "<span theme=\"" + String.join(" ", themes(tone)) + "\"" + (tone == Tone.WARNING ? " class=\"" + WARNING_CLASS + "\"" : "") + ">"
                + HtmlUtils.htmlEscape(text) + "</span>";
    }

    private static final String WARNING_CLASS = "badge-warning";

    private static List<String> themes(Tone tone) {
        return switch (tone) {
            case SUCCESS -> List.of("badge", "success", "small");
            case ERROR -> List.of("badge", "error", "small");
            case WARNING -> List.of("badge", "small");
            case PRIMARY -> List.of("badge", "primary", "small");
            case NEUTRAL -> List.of("badge", "contrast", "small");
        };
    }
}
