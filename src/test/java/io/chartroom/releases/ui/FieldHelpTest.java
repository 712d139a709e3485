package io.chartroom.releases.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;

/** Schema descriptions are Markdown or HTML from strangers: rendered, sanitized, and prose placeholders kept. */
class FieldHelpTest {

    @Test
    void markdownAndHtmlRenderSanitized() {
        Component help = FieldHelp.of("Use `helm` as [documented](https://helm.sh/docs) <strong>here</strong><script>alert(1)</script>"
                + " <img src=x onerror=alert(2)>");
        String html = help.getElement().getOuterHTML();
        assertThat(html).contains("<code>helm</code>").contains("href=\"https://helm.sh/docs\"").contains("rel=\"nofollow")
                .contains("<strong>here</strong>").doesNotContain("<script").doesNotContain("<img");
        assertThat(FieldHelp.of("![pixel](https://tracker.example/p.gif) help").getElement().getOuterHTML())
                .as("no image loads from a chart's help").doesNotContain("<img").contains("help");
    }

    @Test
    void aPlaceholderInAnglesStaysText() {
        String html = FieldHelp.of("Serve HTTPS with the secret <release>-tls and `tls.crt` from `<release>-tls`").getElement().getOuterHTML();
        assertThat(html).contains("&lt;release&gt;-tls and").contains("<code>tls.crt</code>").contains("<code>&lt;release&gt;-tls</code>")
                .doesNotContain("&amp;lt;");
    }

    @Test
    void plainTextStaysAPlainHelperText() {
        TextField field = new TextField();
        FieldHelp.apply(field, "Pods when autoscaling is off");
        assertThat(field.getHelperText()).isEqualTo("Pods when autoscaling is off");
        assertThat(field.getHelperComponent()).isNull();
    }
}
