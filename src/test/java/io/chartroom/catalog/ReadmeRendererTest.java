package io.chartroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.catalog.service.ReadmeRenderer;
import org.junit.jupiter.api.Test;

class ReadmeRendererTest {

    final ReadmeRenderer renderer = new ReadmeRenderer();

    @Test
    void scriptsEventHandlersAndJavascriptUrlsNeverReachThePage() {
        String html = renderer.toSafeHtml("""
                # Title

                <script>alert('x')</script>
                <img src="x" onerror="alert(1)">
                <img src="https://example.com/logo.png" onerror="alert(2)" alt="logo">

                [click](javascript:alert(3)) [also](JaVaScRiPt:alert(4)) [data](data:text/html;base64,PHNjcmlwdD4=)

                <a href="vbscript:msgbox(5)">vb</a> <iframe src="https://evil.example"></iframe>
                <div style="background:url(javascript:alert(6))" onclick="alert(7)">styled</div>
                <svg onload="alert(8)"></svg>
                """);
        assertThat(html.toLowerCase())
                .doesNotContain("<script").doesNotContain("onerror").doesNotContain("onclick").doesNotContain("onload")
                .doesNotContain("href=\"javascript").doesNotContain("vbscript").doesNotContain("href=\"data")
                .doesNotContain("<iframe").doesNotContain("style=").doesNotContain("<svg");
        assertThat(html).contains("click").contains("<h1>Title</h1>").contains("src=\"https://example.com/logo.png\"");
    }

    @Test
    void markdownFormattingTablesAndSafeLinksSurvive() {
        String html = renderer.toSafeHtml("""
                | a | b |
                |---|---|
                | 1 | `two` |

                See [docs](https://example.com/docs) and https://example.org.

                ```yaml
                key: value
                ```
                """);
        assertThat(html).contains("<table>").contains("<code>two</code>")
                .contains("href=\"https://example.com/docs\"").contains("rel=\"nofollow noopener noreferrer\"")
                .contains("href=\"https://example.org\"")
                .contains("<code class=\"language-yaml\">key: value");
    }
}
