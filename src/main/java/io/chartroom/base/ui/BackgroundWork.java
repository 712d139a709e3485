package io.chartroom.base.ui;

import com.vaadin.flow.component.UI;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Slow work for a view (renders, syncs) off the UI thread, as the user who asked for it: the security context
 * travels with the task, so the services it calls still check the caller. The result comes back through
 * {@link UI#access}, which pushes it to the browser.
 */
@Component
public class BackgroundWork {

    private final ExecutorService pool = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("ui-work-", 1).daemon().factory());
    private final SecurityContextHolderStrategy holder;

    public BackgroundWork(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        this.holder = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    public <T> void run(UI ui, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        SecurityContext caller = holder.getContext();
        pool.submit(() -> {
            SecurityContext context = holder.createEmptyContext();
            context.setAuthentication(caller.getAuthentication());
            holder.setContext(context);
            try {
                T result = work.call();
                ui.access(() -> done.accept(result));
            } catch (Throwable e) {
                ui.access(() -> failed.accept(e));
            } finally {
                holder.clearContext();
            }
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
