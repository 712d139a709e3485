package io.chartroom.gitops.http;

import io.chartroom.base.event.AuditEntry;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves the GitOps repository over Git's smart HTTP protocol at /git/gitops.git. Authentication happens in
 * the security filter chain (a personal access token as the password); here: VIEWERs fetch, DEVELOPERs
 * push branches of their own. main is protected (it changes only by merging change requests) and cr/*
 * belongs to change requests.
 */
@Configuration(proxyBeanMethods = false)
class GitHttpServer {

    static final String REPOSITORY = "gitops.git";

    @Bean
    ServletRegistrationBean<GitServlet> gitServlet(GitOpsRepository gitops, CurrentUser currentUser, ApplicationEventPublisher events) {
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver((HttpServletRequest request, String name) -> {
            if (!REPOSITORY.equals(name)) {
                throw new RepositoryNotFoundException(name);
            }
            Repository repository = gitops.repository();
            repository.incrementOpen(); // the servlet closes what it resolves
            return repository;
        });
        servlet.setUploadPackFactory((request, repository) -> {
            if (currentUser.find().filter(u -> u.hasRole(Role.VIEWER)).isEmpty()) {
                throw new ServiceNotAuthorizedException();
            }
            return new UploadPack(repository);
        });
        servlet.setReceivePackFactory((request, repository) -> {
            UserIdentity user = currentUser.find().orElseThrow(ServiceNotAuthorizedException::new);
            if (!user.hasRole(Role.DEVELOPER)) {
                throw new ServiceNotAuthorizedException("pushing takes the DEVELOPER role; " + user.username() + " has " + user.highestRole());
            }
            ReceivePack receive = new ReceivePack(repository);
            receive.setAllowNonFastForwards(true);
            receive.setAllowDeletes(true);
            receive.setAllowBranchDeletes(true);
            receive.setPreReceiveHook((pack, commands) -> protect(commands));
            receive.setPostReceiveHook((pack, commands) -> audit(events, user, commands));
            return receive;
        });
        ServletRegistrationBean<GitServlet> registration = new ServletRegistrationBean<>(servlet, "/git/*");
        registration.setName("git");
        return registration;
    }

    /** Refuses updates of main, of change-request branches, and of anything that is not a branch. */
    static void protect(Collection<ReceiveCommand> commands) {
        for (ReceiveCommand command : commands) {
            String ref = command.getRefName();
            if (ref.equals(GitOpsRepository.MAIN)) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                        "main is protected: it changes only by merging change requests in Chartroom");
            } else if (ref.startsWith("refs/heads/cr/")) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                        "cr/* branches belong to Chartroom's change requests");
            } else if (!ref.startsWith("refs/heads/")) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "only branches may be pushed");
            }
        }
    }

    private static void audit(ApplicationEventPublisher events, UserIdentity user, Collection<ReceiveCommand> commands) {
        List<String> updated = commands.stream().filter(c -> c.getResult() == ReceiveCommand.Result.OK)
                .map(c -> c.getRefName() + " " + c.getType().name().toLowerCase() + " " + c.getNewId().name()).toList();
        if (!updated.isEmpty()) {
            events.publishEvent(AuditEntry.of("git.pushed", user.username()).target("repository", REPOSITORY)
                    .detail("refs", updated).build());
        }
    }
}
