package io.chartroom.api;

import io.chartroom.base.error.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any path under /api/v1 that no resource has: a 404 problem document, never the portal's HTML. */
@RestController
@Hidden
class UnknownApiPathController {

    @RequestMapping("/api/v1/**")
    void unknown(HttpServletRequest request) {
        throw new NotFoundException("no API resource at " + request.getMethod() + " " + request.getRequestURI()
                + "; the resources are listed in /v3/api-docs");
    }
}
