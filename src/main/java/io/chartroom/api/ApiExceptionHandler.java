package io.chartroom.api;

import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
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

    /**
     * A body that is not JSON, has a field of the wrong type, an unknown enum value or a field the resource does
     * not have: 400, naming the field by its path ("release.team").
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String location = "";
        String message = "the request body is not valid JSON";
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson) {
            location = jsonPath(jackson.getPath());
            message = switch (jackson) {
                case UnrecognizedPropertyException unknown -> "unknown field '" + unknown.getPropertyName() + "'"
                        + (unknown.getKnownPropertyIds() == null ? "" : "; known: " + unknown.getKnownPropertyIds().stream()
                        .map(String::valueOf).sorted().reduce((a, b) -> a + ", " + b).orElse(""));
                case InvalidFormatException format -> format.getTargetType() != null && format.getTargetType().isEnum()
                        ? "'" + format.getValue() + "' is not one of " + java.util.Arrays.toString(format.getTargetType().getEnumConstants())
                        : "'" + format.getValue() + "' is not a " + simpleType(format.getTargetType());
                case MismatchedInputException mismatch -> "expected " + simpleType(mismatch.getTargetType());
                case StreamConstraintsException limit -> limit.getOriginalMessage();
                default -> "not valid JSON: " + jackson.getOriginalMessage();
            };
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                (location.isEmpty() ? "" : location + ": ") + message);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", List.of(Map.of("location", location, "message", message)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "different value";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "object";
        }
        return type.getSimpleName();
    }

    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException e) {
        log.error("Unexpected API error", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Chartroom could not complete the request; the error is in the server log.");
    }
}
