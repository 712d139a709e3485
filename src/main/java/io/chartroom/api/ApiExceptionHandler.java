package io.chartroom.api;

import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as an RFC 9457 problem document (application/problem+json). Invalid input lists each
 * problem with where it is, in an "errors" array.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler
    ProblemDetail invalid(InvalidInputException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid input");
        List<Map<String, String>> errors = e.problems().stream()
                .map(p -> Map.of("location", p.location() == null ? "" : p.location(), "message", p.message()))
                .toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        if (e instanceof io.chartroom.changes.service.MergeService.MergeConflictException merge) {
            problem.setTitle("Merge conflict");
            problem.setProperty("conflicts", merge.files());
        }
        return problem;
    }

    /** A file in the GitOps repository that is not in Chartroom's format: say which and where. */
    @ExceptionHandler
    ProblemDetail layout(io.chartroom.gitops.domain.LayoutException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("The GitOps repository holds something Chartroom does not read");
        return problem;
    }

    /** A chart repository or archive that failed (unreachable, refused, bad archive). */
    @ExceptionHandler
    ProblemDetail repository(io.chartroom.catalog.service.RepositoryFetchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle("A chart repository failed");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail denied(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unauthenticated(AuthenticationCredentialsNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException e) {
        log.error("Unexpected API error", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Chartroom could not complete the request; the error is in the server log.");
    }
}
