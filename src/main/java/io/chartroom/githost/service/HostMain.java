package io.chartroom.githost.service;

import io.chartroom.gitops.service.HostTransfer;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.security.service.SystemActor;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * With a Git host, its main is the truth: a push there (a pull request merged on the host) is fetched and main
 * moves forward to it, which the reconciler applies. Told by the host's push webhook within seconds, and polled
 * as a fallback ({@code chartroom.githost.poll-period}, default 60 s) for a webhook that got lost.
 */
@Service
public class HostMain {

    private static final Logger log = LoggerFactory.getLogger(HostMain.class);

    private final GitHosts hosts;
    private final HostTransfer transfer;
    private final CurrentUser currentUser;
    private final SystemActor system;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("host-main").daemon().factory());

    public HostMain(GitHosts hosts, HostTransfer transfer, CurrentUser currentUser, SystemActor system) {
        this.hosts = hosts;
        this.transfer = transfer;
        this.currentUser = currentUser;
        this.system = system;
    }

    /** Fetches the host's main and moves main forward to it; the host's main commit, empty without a host. */
    public Optional<String> sync() {
        currentUser.require(Role.ADMIN);
        Optional<GitHosts.Connected> connected = hosts.connected();
        if (connected.isEmpty()) {
            return Optional.empty();
        }
        GitHosts.Connected host = connected.get();
        String commit = transfer.fetch(host.api().cloneUrl(host.host(), host.token()), host.api().pushUser(), host.token(), PullRequests.BASE);
        if (transfer.fastForwardMain(commit)) {
            log.info("main moved to {} from the Git host", commit);
        }
        return Optional.of(commit);
    }

    @EventListener
    void pushed(HostEvent.MainPushed event) {
        worker.submit(this::syncQuietly);
    }

    @Scheduled(fixedDelayString = "${chartroom.githost.poll-period:60s}", initialDelayString = "${chartroom.githost.poll-period:60s}")
    void poll() {
        syncQuietly();
    }

    private void syncQuietly() {
        try {
            system.run(this::sync);
        } catch (RuntimeException e) {
            log.warn("Reading main from the Git host failed: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
