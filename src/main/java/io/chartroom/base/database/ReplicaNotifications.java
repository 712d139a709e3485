package io.chartroom.base.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells the other instances on the database what changed, so that views open there refresh too (PostgreSQL's
 * LISTEN/NOTIFY on one channel). Publishing only queues: one thread sends what was queued (each payload once) and
 * listens on a connection of its own, handing what other instances sent to this instance's subscribers. A
 * notification sent while an instance was reconnecting is missed: it refreshes at the next one.
 */
@Component
public class ReplicaNotifications implements SmartLifecycle {

    static final String CHANNEL = "chartroom_updates";
    private static final Logger log = LoggerFactory.getLogger(ReplicaNotifications.class);

    private final DataSource dataSource;
    private final String instance = UUID.randomUUID().toString();
    private final Map<String, Set<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final Set<String> queued = new LinkedHashSet<>();
    private volatile boolean running;
    private Thread worker;

    public ReplicaNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Queues {@code payload} of {@code kind} for the other instances (not this one: its own views were told already). */
    public void publish(String kind, String payload) {
        synchronized (queued) {
            queued.add(kind + " " + payload);
        }
    }

    /** What other instances publish of {@code kind}; returns the removal. */
    public Runnable subscribe(String kind, Consumer<String> subscriber) {
        subscribers.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet()).add(subscriber);
        return () -> subscribers.getOrDefault(kind, Set.of()).remove(subscriber);
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().daemon().name("replica-notifications").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long backOff = 500;
        while (running) {
            try (Connection session = OwnConnection.open(dataSource)) {
                session.setAutoCommit(true);
                try (Statement listen = session.createStatement()) {
                    listen.execute("listen " + CHANNEL);
                }
                backOff = 500;
                PGConnection notifications = session.unwrap(PGConnection.class);
                while (running) {
                    send(session);
                    PGNotification[] received = notifications.getNotifications(100);
                    if (received != null) {
                        for (PGNotification n : received) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                log.debug("Replica notifications: {}; connecting again in {} ms", e.getMessage(), backOff);
                try {
                    Thread.sleep(backOff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backOff = Math.min(backOff * 2, 10_000);
            }
        }
    }

    private void send(Connection session) throws SQLException {
        Set<String> batch;
        synchronized (queued) {
            if (queued.isEmpty()) {
                return;
            }
            batch = new LinkedHashSet<>(queued);
            queued.clear();
        }
        try (var notify = session.prepareStatement("select pg_notify(?, ?)")) {
            for (String payload : batch) {
                notify.setString(1, CHANNEL);
                notify.setString(2, instance + " " + payload);
                notify.execute();
            }
        }
    }

    /** "instance kind payload": what another instance sent goes to this one's subscribers of the kind. */
    void deliver(String message) {
        String[] parts = message.split(" ", 3);
        if (parts.length < 3 || parts[0].equals(instance)) {
            return;
        }
        subscribers.getOrDefault(parts[1], Set.of()).forEach(s -> {
            try {
                s.accept(parts[2]);
            } catch (RuntimeException e) {
                log.warn("A subscriber to {} failed: {}", parts[1], e.getMessage());
            }
        });
    }
}
