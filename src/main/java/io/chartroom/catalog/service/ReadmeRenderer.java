package io.chartroom.catalog.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Chart READMEs are written by strangers: Markdown is rendered with commonmark, then sanitized with an
 * allow-list policy (OWASP java-html-sanitizer): formatting, tables, code, images and links over http(s)
 * and mailto only. No script, no event handler, no style, no javascript: URL reaches the page.
 */
@Component
public class ReadmeRenderer {

    private static final Pattern SAFE_URL = Pattern.compile("^(https?://|mailto:|#|/(?!/)|[^:/?#]+(?:[/?#]|$)).*", Pattern.CASE_INSENSITIVE);

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final PolicyFactory policy = new HtmlPolicyBuilder()
            .allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em",
                    "strong", "del", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "img", "span",
                    "details", "summary", "sup", "sub", "kbd")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").matching(SAFE_URL).onElements("a")
            .allowAttributes("src").matching(Pattern.compile("^https?://.*", Pattern.CASE_INSENSITIVE)).onElements("img")
            .allowAttributes("alt", "title", "width", "height").onElements("img")
            .allowAttributes("title").onElements("a")
            .allowAttributes("align").onElements("th", "td")
            .allowAttributes("class").matching(Pattern.compile("^language-[\\w-]+$")).onElements("code")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    private final Cache<String, String> rendered = Caffeine.newBuilder().maximumWeight(8L * 1024 * 1024)
            .weigher((String markdown, String html) -> markdown.length() + html.length()).build();

    public ReadmeRenderer() {
        List<org.commonmark.Extension> extensions = List.of(TablesExtension.create(), AutolinkExtension.create());
        this.parser = Parser.builder().extensions(extensions).build();
        this.renderer = HtmlRenderer.builder().extensions(extensions).build();
    }

    /** Safe HTML for the Markdown text; empty for none. */
    public String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        // a chart version's README never changes, and every look at the version asks for it
        return rendered.get(markdown, text -> policy.sanitize(renderer.render(parser.parse(text))));
    }
}
