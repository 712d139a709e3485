package io.chartroom.bench;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.StateNode;
import com.vaadin.flow.internal.StateTree;
import com.vaadin.flow.server.VaadinSession;
import io.chartroom.fixtures.OpenTabs;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.catalina.Session;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The live heap a tab costs, measured directly (issue 23): the objects reachable from one tab's HTTP session (its
 * Vaadin session, UI, components, state tree, and the last response Flow keeps to resend) that neither the
 * application (everything reachable from the Spring context and the web server, sessions excluded) nor another
 * measured tab reaches. What is shared (beans, caches, the chart's parsed schema, interned constants) is thereby not
 * counted per tab; Class objects, class loaders and threads are never entered. Unlike the difference of two
 * whole-JVM heaps, this does not move with what the rest of the JVM collects or allocates in between.
 */
final class SessionFootprint {

    /** Per tab, over the tabs measured: mean, min and max bytes; the kept last response's mean share of it. */
    record Figure(int tabs, long mean, long min, long max, long keptResponse) {
        String describe() {
            return mean / 1024 + " KB (min " + min / 1024 + ", max " + max / 1024 + " KB over " + tabs
                    + " tabs; of which Flow's kept last response " + keptResponse / 1024 + " KB)";
        }

        /** The verdict row against issue 17's goal (live heap per session under 300 KB). */
        void verdict(String view, int open) {
            BenchReport.verdict("UI: live heap per tab on " + view + " (measured directly)", mean / 1024 + " KB", tabs + " of " + open
                    + " tabs, min-max " + min / 1024 + "-" + max / 1024 + " KB, kept response " + keptResponse / 1024 + " KB", "< 300 KB",
                    mean < 300 * 1024);
        }
    }

    private SessionFootprint() {
    }

    /** Measures up to {@code sample} tabs whose UI shows a route matching {@code route} (paths without a leading /). */
    static Figure measure(WebServerApplicationContext context, Predicate<String> route, int sample) throws Exception {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        List<OpenTabs.Tab> chosen = new ArrayList<>();
        for (OpenTabs.Tab tab : OpenTabs.of(context)) {
            if (chosen.size() < sample && tab.uis().stream().anyMatch(ui -> shows(ui, route))) {
                chosen.add(tab);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalStateException("no tab shows the route measured");
        }
        Set<Object> application = HeapGraph.reachable(List.of(context, server.getTomcat()), SessionFootprint::tabState);

        // each tab's own objects: what the application does not reach, stopping at every other tab's session
        Map<Object, Integer> reachedBy = new IdentityHashMap<>();
        List<Set<Object>> perTab = new ArrayList<>();
        for (OpenTabs.Tab tab : chosen) {
            Set<Object> own = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<Object> mine = ownSessionObjects(tab);
            HeapGraph.walk(List.of(tab.session()), o -> application.contains(o) || o instanceof Class<?> || o instanceof ClassLoader
                    || o instanceof Thread || (tabState(o) && !belongsTo(o, mine)), own::add);
            own.forEach(o -> reachedBy.merge(o, 1, Integer::sum));
            perTab.add(own);
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        long kept = 0;
        for (int i = 0; i < perTab.size(); i++) {
            long bytes = 0;
            for (Object o : perTab.get(i)) {
                if (reachedBy.get(o) == 1) {
                    bytes += HeapGraph.sizeOf(o);
                }
            }
            if (i == 0 && Boolean.getBoolean("bench.ui.histogram")) {
                printClasses(perTab.get(i), reachedBy);
            }
            min = Math.min(min, bytes);
            max = Math.max(max, bytes);
            sum += bytes;
            kept += keptResponse(chosen.get(i));
        }
        return new Figure(perTab.size(), sum / perTab.size(), min, max, kept / perTab.size());
    }

    /** A tab's session, its Vaadin session and UIs: the objects at which another tab's walk stops. */
    private static Set<Object> ownSessionObjects(OpenTabs.Tab tab) {
        Set<Object> mine = Collections.newSetFromMap(new IdentityHashMap<>());
        mine.add(tab.session());
        mine.add(tab.session().getSession());
        if (tab.vaadin() != null) {
            mine.add(tab.vaadin());
            for (UI ui : tab.uis()) {
                mine.add(ui);
                mine.add(ui.getInternals().getStateTree());
            }
        }
        return mine;
    }

    /** Objects that belong to some tab: where the application's walk stops. */
    private static boolean tabState(Object o) {
        return o instanceof Session || o instanceof HttpSession || o instanceof VaadinSession || o instanceof UI
                || o instanceof Component || o instanceof StateNode || o instanceof StateTree || o instanceof Element
                || o instanceof Class<?> || o instanceof ClassLoader || o instanceof Thread;
    }

    /** Whether a tab object is this tab's: its session objects, or a node, element or component of its UIs. */
    private static boolean belongsTo(Object o, Set<Object> mine) {
        if (mine.contains(o)) {
            return true;
        }
        StateNode node = switch (o) {
            case StateNode n -> n;
            case Element e -> e.getNode();
            case Component c -> c.getElement().getNode();
            default -> null;
        };
        // a detached node belongs to no UI: it is the tab's if the tab reaches it (a view kept for later, say)
        return node != null && (node.getOwner() == null || !(node.getOwner() instanceof StateTree tree) || mine.contains(tree));
    }

    private static boolean shows(UI ui, Predicate<String> route) {
        var location = ui.getInternals().getActiveViewLocation();
        return location != null && route.test(location.getPath());
    }

    /** With -Dbench.ui.histogram=true: the classes of one tab's own objects, by bytes. */
    private static void printClasses(Set<Object> own, Map<Object, Integer> reachedBy) {
        Map<String, long[]> byClass = new java.util.HashMap<>();
        for (Object o : own) {
            if (reachedBy.get(o) == 1) {
                long[] sums = byClass.computeIfAbsent(o.getClass().getName(), c -> new long[2]);
                sums[0]++;
                sums[1] += HeapGraph.sizeOf(o);
            }
        }
        byClass.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(Integer.getInteger("bench.ui.classes", 40))
                .forEach(e -> System.out.println("[tab-classes] " + e.getValue()[1] + " bytes in " + e.getValue()[0] + " " + e.getKey()));
    }

    private static long keptResponse(OpenTabs.Tab tab) {
        long bytes = 0;
        for (UI ui : tab.uis()) {
            String response = OpenTabs.locked(tab.vaadin(), () -> ui.getInternals().getLastRequestResponse());
            if (response != null) {
                bytes += HeapGraph.reachable(List.of(response), o -> false).stream().mapToLong(HeapGraph::sizeOf).sum();
            }
        }
        return bytes;
    }
}
