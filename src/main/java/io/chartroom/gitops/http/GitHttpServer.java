package io.chartroom.gitops.http;

import io.chartroom.gitops.service.BranchRules;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.gitops.service.GitOpsSettings;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves the GitOps repository over Git's smart HTTP protocol at /git/gitops.git. Authentication happens in
 * the security filter chain (a personal access token as the password); here: VIEWERs fetch, DEVELOPERs
 * push branches of their own, within the push size limit; {@link BranchRules} says which.
 */
@Configuration(proxyBeanMethods = false)
class GitHttpServer {

    static final String REPOSITORY = "gitops.git";

    @Bean
    ServletRegistrationBean<GitServlet> gitServlet(GitOpsRepository gitops, GitOpsSettings settings, BranchRules rules,
                                                   CurrentUser currentUser) {
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
            UploadPack upload = new UploadPack(repository);
            // derived commits (a kept layout's reading) are Chartroom's own: clones get the branches, not them
            upload.setRefFilter(refs -> {
                java.util.Map<String, org.eclipse.jgit.lib.Ref> shown = new java.util.HashMap<>(refs);
                shown.keySet().removeIf(name -> name.startsWith(io.chartroom.gitops.service.ForeignLayoutReading.REFS));
                return shown;
            });
            return upload;
        });
        servlet.setReceivePackFactory((request, repository) -> {
            UserIdentity user = currentUser.find().orElseThrow(ServiceNotAuthorizedException::new);
            if (!user.hasRole(Role.DEVELOPER)) {
                String reason = "pushing takes the DEVELOPER role; " + user.username() + " has " + user.highestRole();
                rules.refusedWhole(user, reason);
                throw new ServiceNotAuthorizedException(reason);
            }
            ReceivePack receive = new ReceivePack(repository) {
                @Override
                protected void receivePackAndCheckConnectivity() throws java.io.IOException,
                        org.eclipse.jgit.errors.LargeObjectException,
                        org.eclipse.jgit.internal.submodule.SubmoduleValidator.SubmoduleValidationException {
                    try {
                        super.receivePackAndCheckConnectivity();
                    } catch (org.eclipse.jgit.errors.TooLargePackException tooLarge) {
                        // refused before any hook runs: audited here like every other refusal
                        rules.refusedWhole(user, tooLarge.getMessage());
                        throw tooLarge;
                    }
                }
            };
            receive.setAllowNonFastForwards(true);
            receive.setAllowDeletes(true);
            receive.setAllowBranchDeletes(true);
            receive.setMaxPackSizeLimit(settings.maxPushSize().toBytes());
            receive.setPreReceiveHook((pack, commands) -> rules.check(user, commands));
            receive.setPostReceiveHook((pack, commands) -> rules.accepted(user, commands));
            return receive;
        });
        ServletRegistrationBean<GitServlet> registration = new ServletRegistrationBean<>(servlet, "/git/*");
        registration.setName("git");
        return registration;
    }

}
