package io.chartroom.api;

import io.chartroom.gitops.service.RepositoryCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/repository")
@Tag(name = "GitOps repository")
class GitOpsRepositoryController {

    record ProblemView(String path, Integer line, String message) {}

    /** {@code kept}: main is a helmfile layout an ADMIN chose to keep, read the helmfile way and changed in place. */
    record ProblemsView(String commit, boolean readable, boolean kept, List<ProblemView> problems) {}

    private final RepositoryCheck check;

    GitOpsRepositoryController(RepositoryCheck check) {
        this.check = check;
    }

    @GetMapping("/problems")
    @Operation(summary = "Each file (and line) of main that Chartroom cannot read, and why; while there are any, nothing is written, unless "
            + "an ADMIN chose to keep main's helmfile layout (kept): then values are changed in place only")
    ProblemsView problems() {
        RepositoryCheck.Report report = check.onMain();
        return new ProblemsView(report.commit(), report.readable(), !report.readable() && check.mainIsKept(),
                report.problems().stream().map(p -> new ProblemView(p.path(), p.line(), p.message())).toList());
    }
}
