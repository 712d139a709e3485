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

    record ProblemsView(String commit, boolean readable, List<ProblemView> problems) {}

    private final RepositoryCheck check;

    GitOpsRepositoryController(RepositoryCheck check) {
        this.check = check;
    }

    @GetMapping("/problems")
    @Operation(summary = "Each file (and line) of main that Chartroom cannot read, and why; while there are any, nothing is written")
    ProblemsView problems() {
        RepositoryCheck.Report report = check.onMain();
        return new ProblemsView(report.commit(), report.readable(),
                report.problems().stream().map(p -> new ProblemView(p.path(), p.line(), p.message())).toList());
    }
}
