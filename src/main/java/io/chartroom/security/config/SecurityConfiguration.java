package io.chartroom.security.config;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import io.chartroom.security.domain.Role;
import io.chartroom.security.service.ApiTokenService;
import io.chartroom.security.service.GroupAccessMapper;
import io.chartroom.security.service.SecuritySettings;
import io.chartroom.security.ui.LoginFailedView;
import io.chartroom.security.ui.LoginView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The security filter chains: the REST API (stateless, bearer tokens; HTTP Basic with the development
 * users only while the development login is active), the actuator (health and metrics), and the Vaadin UI
 * (OIDC login, or the development login form). Spring Security publishes the logout event that the audit log records.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, Environment env, ApiTokenService tokens,
                                 ObjectProvider<JwtDecoder> jwtDecoder, GroupAccessMapper mapper,
                                 SecuritySettings settings, AuthenticationEventPublisher authEvents) throws Exception {
        boolean development = LoginMode.of(env) == LoginMode.DEVELOPMENT;
        ProblemResponses problems = new ProblemResponses(development);
        AuthenticationManager bearer = bearerAuthentication(tokens, jwtDecoder.getIfAvailable(), mapper, settings, authEvents);
        AuthenticationManagerResolver<HttpServletRequest> resolver = request -> bearer;
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        // the Git host's webhooks sign in with their signature, checked by the receiver
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/v1/git-host/webhook").permitAll()
                        .anyRequest().hasRole(Role.VIEWER.name()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .oauth2ResourceServer(o -> o.authenticationManagerResolver(resolver).authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (development) {
            http.httpBasic(b -> b.authenticationEntryPoint(problems));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorChain(HttpSecurity http, Environment env, ApiTokenService tokens,
                                      ObjectProvider<JwtDecoder> jwtDecoder, GroupAccessMapper mapper,
                                      SecuritySettings settings, AuthenticationEventPublisher authEvents) throws Exception {
        // health for probes, open; metrics for scrapers, with a token (a VIEWER's will do): they name clusters and releases
        ProblemResponses problems = new ProblemResponses(LoginMode.of(env) == LoginMode.DEVELOPMENT);
        AuthenticationManager bearer = bearerAuthentication(tokens, jwtDecoder.getIfAvailable(), mapper, settings, authEvents);
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus").hasRole(Role.VIEWER.name())
                        .anyRequest().denyAll())
                .oauth2ResourceServer(o -> o.authenticationManagerResolver(request -> bearer).authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    /**
     * The Git smart-HTTP server: HTTP Basic with a personal access token as the password (what Git clients
     * send), a bearer token, or in development the sample users. A 401 with a Basic challenge makes Git ask.
     */
    @Bean
    @Order(3)
    SecurityFilterChain gitChain(HttpSecurity http, Environment env, ApiTokenService tokens,
                                 ObjectProvider<JwtDecoder> jwtDecoder, GroupAccessMapper mapper,
                                 SecuritySettings settings, AuthenticationEventPublisher authEvents) throws Exception {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(new TokenAsPasswordAuthenticationProvider(tokens));
        if (LoginMode.of(env) == LoginMode.DEVELOPMENT) {
            providers.add(new DevelopmentUserAuthenticationProvider());
        }
        ProviderManager basic = new ProviderManager(providers);
        basic.setAuthenticationEventPublisher(authEvents);
        AuthenticationManager bearer = bearerAuthentication(tokens, jwtDecoder.getIfAvailable(), mapper, settings, authEvents);
        // written directly: sendError would be dispatched to /error, which the UI chain answers with a login redirect
        AuthenticationEntryPoint challenge = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Chartroom Git\", charset=\"UTF-8\"");
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Authentication is required: use a personal access token as the password\n");
        };
        AccessDeniedHandler denied = (request, response, e) -> {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(e.getMessage() + "\n");
        };
        http.securityMatcher("/git/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(Role.VIEWER.name()))
                .authenticationManager(basic)
                .httpBasic(b -> b.authenticationEntryPoint(challenge))
                .oauth2ResourceServer(o -> o.authenticationManagerResolver(request -> bearer).authenticationEntryPoint(challenge))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(challenge).accessDeniedHandler(denied));
        return http.build();
    }

    /**
     * The UI. A path that is no route reaches Vaadin's router for a signed-in user (Vaadin 25 would deny it with a bare
     * 403), which answers with the portal's own "Page not found" inside the layout; views check roles themselves.
     */
    @Bean
    @Order(10)
    SecurityFilterChain uiChain(HttpSecurity http, Environment env,
                                ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> oidcUsers) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers(
                "/chartroom.css", "/images/**", "/components/**", "/v3/api-docs", "/v3/api-docs/**", "/samples/charts/**").permitAll());
        PageHeaders.apply(http);
        // Vaadin delegates to this cache; without a matching parameter the page after login is the one asked for, not ?continue
        HttpSessionRequestCache savedPages = new HttpSessionRequestCache();
        savedPages.setMatchingRequestParameterName(null);
        http.requestCache(c -> c.requestCache(savedPages));
        if (LoginMode.of(env) == LoginMode.OIDC) {
            http.oauth2Login(o -> o
                    .userInfoEndpoint(u -> u.oidcUserService(oidcUsers.getObject()))
                    .failureUrl("/" + LoginFailedView.ROUTE));
            return http.with(vaadin(), v -> v.anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated)
                    .oauth2LoginPage("/oauth2/authorization/" + OidcConfiguration.REGISTRATION_ID, "{baseUrl}")).build();
        }
        http.addFilterBefore(new LoginCsrfFilter(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login")),
                UsernamePasswordAuthenticationFilter.class);
        return http.with(vaadin(), v -> v.anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated).loginView(LoginView.class))
                .build();
    }

    /**
     * Publishes success and failure events for every kind of authentication; failures whose exception
     * Spring does not map (an OIDC login refused for lack of a role, for instance) count as bad credentials.
     */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return publisher;
    }


    /**
     * The development login's sample users (password = user name), compared in constant time. A plain
     * provider rather than a UserDetailsService, so that Spring does not re-hash the password with BCrypt on
     * every request (~50 ms each for HTTP Basic).
     */
    @Bean
    @Conditional(LoginMode.DevelopmentLogin.class)
    AuthenticationProvider developmentUsers() {
        return new DevelopmentUserAuthenticationProvider();
    }

    private static AuthenticationManager bearerAuthentication(ApiTokenService tokens, JwtDecoder jwtDecoder,
                                                              GroupAccessMapper mapper, SecuritySettings settings,
                                                              AuthenticationEventPublisher authEvents) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(new PersonalAccessTokenAuthenticationProvider(tokens, jwtDecoder == null));
        if (jwtDecoder != null) {
            JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(jwtDecoder);
            jwt.setJwtAuthenticationConverter(token -> OidcConfiguration.jwtAuthentication(token, mapper, settings.oidc()));
            providers.add(jwt);
        }
        ProviderManager manager = new ProviderManager(providers);
        manager.setAuthenticationEventPublisher(authEvents);
        return manager;
    }
}
