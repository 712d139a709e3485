package io.chartroom.security.config;

import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The security headers of every page: a Content-Security-Policy that Vaadin works with (its bootstrap needs
 * inline scripts and styles and eval; the push connection is same-origin; chart icons come from their own sites), no framing, no MIME sniffing, no
 * referrer to other sites. Spring's defaults (nosniff, HSTS over TLS, cache control) stay on.
 */
final class PageHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: https:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private PageHeaders() {}

    static void apply(HttpSecurity http) throws Exception {
        // written before the request is handled: Vaadin's page responses do not pass the lazy writer
        http.headers(h -> h.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                })
                .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(f -> f.deny())
                .contentTypeOptions(c -> { })
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    }
}
