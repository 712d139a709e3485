package io.chartroom.api;

import io.chartroom.base.error.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Any path under /api/v1 that no resource has: a 404 problem document, never the portal's HTML; a path that
 * exists but not for this method: 405 with the methods it has.
 */
@RestController
@Hidden
class UnknownApiPathController {

    private final RequestMappingHandlerMapping mappings;

    UnknownApiPathController(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    @RequestMapping("/api/v1/**")
    void unknown(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
        Set<String> allowed = new LinkedHashSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            if (info.getPathPatternsCondition() != null && info.getPathPatternsCondition().getMatchingCondition(request) != null
                    && !info.getPathPatternsCondition().getPatternValues().contains("/api/v1/**")) {
                info.getMethodsCondition().getMethods().forEach(m -> allowed.add(m.name()));
            }
        }
        if (!allowed.isEmpty()) {
            throw new HttpRequestMethodNotSupportedException(request.getMethod(), allowed);
        }
        throw new NotFoundException("no API resource at " + request.getMethod() + " " + request.getRequestURI()
                + "; the resources are listed in /v3/api-docs");
    }
}
