package io.chartroom.security.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF protection for the development login's form post, which Vaadin's security configuration exempts:
 * without it another site could log a visitor in as a sample user of its choosing (login CSRF). The login
 * form sends the token Vaadin puts into the page; this checks it with Spring's own CsrfFilter, on the same
 * session-held token the rest of the UI uses.
 */
final class LoginCsrfFilter extends OncePerRequestFilter {

    private final RequestMatcher loginPost;
    private final CsrfFilter csrf;

    LoginCsrfFilter(RequestMatcher loginPost) {
        this.loginPost = loginPost;
        this.csrf = new CsrfFilter(new HttpSessionCsrfTokenRepository());
        this.csrf.setRequireCsrfProtectionMatcher(request -> true);
        // answered here: an error dispatch would be turned into a redirect to the login page by the UI's chain
        this.csrf.setAccessDeniedHandler((request, response, denied) -> {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("The login form's CSRF token is missing or wrong: reload the login page and sign in again.\n");
        });
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (loginPost.matches(request)) {
            csrf.doFilter(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }
}
