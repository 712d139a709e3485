package io.chartroom.releases.ui;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.html.Span;
import io.chartroom.catalog.service.ReadmeRenderer;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * A schema's description under its field. Charts write them in Markdown or HTML ({@code `code`}, links, {@code <br>}):
 * those go through the README renderer (commonmark, then the OWASP allow-list), plain text stays a plain helper text.
 */
final class FieldHelp {

    /** No Spring state: one renderer for every form, whose cache serves the descriptions that repeat across layers. */
    private static final ReadmeRenderer MARKDOWN = new ReadmeRenderer();
    /** Help is a line or two under a field: text, emphasis, code and links; no images (a chart's tracking pixel), tables or headings. */
    private static final PolicyFactory HELP = new HtmlPolicyBuilder()
            .allowElements("p", "br", "em", "strong", "del", "code", "kbd", "ul", "ol", "li", "a", "sup", "sub")
            .allowUrlProtocols("http", "https", "mailto").allowAttributes("href", "title").onElements("a")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer").toFactory();
    private static final Pattern MARKUP = Pattern.compile("[`*_<>\\[]|\\]\\(|https?://");
    /** A {@code <release>} that is not an HTML element is a placeholder in prose: kept as text, not dropped as a tag. */
    private static final Pattern NOT_A_TAG = Pattern.compile("<(?!/?(?:a|b|i|em|strong|code|br|p|ul|ol|li|pre|kbd|sup|sub|span)\\b)");

    private FieldHelp() {
    }

    static void apply(HasHelper input, String description) {
        if (description == null || description.isBlank()) {
            return;
        }
        if (MARKUP.matcher(description).find()) {
            input.setHelperComponent(rendered(description));
        } else {
            input.setHelperText(description);
        }
    }

    /** The description as a component of its own (section summaries). */
    static Component of(String description) {
        return MARKUP.matcher(description).find() ? rendered(description) : new Span(description);
    }

    private static Component rendered(String description) {
        // one string per description for every tab: the element keeps a reference, not a copy
        Span help = new Span();
        help.addClassName("field-help");
        help.getElement().setProperty("innerHTML", RENDERED.get(description, FieldHelp::render));
        return help;
    }

    /** Rendered help by description; a chart's schema repeats across layers and every open editor shows it. */
    private static final Cache<String, String> RENDERED = Caffeine.newBuilder().maximumWeight(4L * 1024 * 1024)
            .weigher((String description, String html) -> description.length() + html.length()).build();

    private static String render(String description) {
        String html = HELP.sanitize(MARKDOWN.toSafeHtml(placeholdersAsText(description))).strip();
        // one paragraph reads as a line of help, not a block
        if (html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 1) < 0) {
            html = html.substring(3, html.length() - 4);
        }
        return html;
    }

    /** {@code <release>} outside code spans becomes text; inside one, Markdown keeps it as it is. */
    private static String placeholdersAsText(String description) {
        String[] parts = description.split("`", -1);
        for (int i = 0; i < parts.length; i += 2) {
            parts[i] = NOT_A_TAG.matcher(parts[i]).replaceAll("&lt;");
        }
        return String.join("`", parts);
    }
}
