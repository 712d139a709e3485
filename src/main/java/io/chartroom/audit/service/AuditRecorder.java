package io.chartroom.audit.service;

import com.vaadin.flow.server.VaadinRequest;
import io.chartroom.audit.domain.AuditEventRepository;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.AuditableEvent;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one writer of the audit log: records every {@link AuditableEvent} published in the application,
 * synchronously and in the publisher's transaction, so an action and its audit line commit or roll back
 * together. A failed action is published outside the failed transaction, with outcome FAILURE.
 */
@Service
public class AuditRecorder {

    private final AuditEventRepository repository;
    private final AuditCheckpoint checkpoint;
    private final Clock clock;

    AuditRecorder(AuditEventRepository repository, AuditCheckpoint checkpoint, Clock clock) {
        this.repository = repository;
        this.checkpoint = checkpoint;
        this.clock = clock;
    }

    @EventListener
    public void record(AuditableEvent event) {
        AuditEntry entry = event.auditEntry();
        if (entry.sourceAddress() == null) {
            String address = currentClientAddress();
            if (address != null) {
                entry = entry.toBuilder().source(address).build();
            }
        }
        AuditCheckpoint.Head head = checkpoint.head();
        AuditEventRepository.Appended row = repository.append(entry, clock.instant(),
                head.hash() == null ? null : new AuditEventRepository.Appended(head.id(), head.hash()));
        // the checkpoint keeps only committed rows: one rolled back with its action never was the head
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    checkpoint.advance(row);
                }
            });
        } else {
            checkpoint.advance(row);
        }
    }

    /** The address of the client whose request this thread is serving, if any. */
    static String currentClientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        VaadinRequest vaadin = VaadinRequest.getCurrent();
        return vaadin == null ? null : vaadin.getRemoteAddr();
    }
}
