package io.chartroom.bench;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.UIInternals;
import com.vaadin.flow.internal.StateTree;
import io.chartroom.fixtures.OpenTabs;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * What the server's UIs hold, read from Flow's internals (with -Dbench.ui.leak=true): per route, the state nodes,
 * the JavaScript invocations still queued, and the size of the last response Flow keeps to resend. A measuring aid
 * for the heap per tab, not part of any figure.
 */
final class UiProbe {

    private UiProbe() {
    }

    static void print(WebServerApplicationContext context, String label) throws Exception {
        Map<String, int[]> byRoute = new TreeMap<>();
        for (OpenTabs.Tab tab : OpenTabs.of(context)) {
            for (UI ui : tab.uis()) {
                OpenTabs.locked(tab.vaadin(), () -> {
                    UIInternals internals = ui.getInternals();
                    String route = internals.getActiveViewLocation() == null ? "?" : internals.getActiveViewLocation().getPath();
                    int[] sums = byRoute.computeIfAbsent(route.replaceAll("\\d+", "N"), r -> new int[6]);
                    sums[0]++;
                    sums[1] += ((Map<?, ?>) read(StateTree.class, "idToNode", internals.getStateTree())).size();
                    Collection<?> pending = (Collection<?>) read(UIInternals.class, "pendingJsInvocations", internals);
                    sums[2] += pending == null ? 0 : pending.size();
                    sums[3] += ((Map<?, ?>) read(UIInternals.class, "pendingJsInvocationDetachListeners", internals)).size();
                    String last = internals.getLastRequestResponse();
                    sums[4] += last == null ? 0 : last.length() / 1024;
                    Object pool = read(UIInternals.class, "constantPool", internals);
                    sums[5] += ((Collection<?>) read(pool.getClass(), "knownValues", pool)).size();
                    return null;
                });
            }
        }
        byRoute.forEach((route, s) -> System.out.println("[probe " + label + "] " + route + ": " + s[0] + " UIs; per UI " + s[1] / s[0]
                + " nodes, " + s[2] / s[0] + " pending JS invocations, " + s[3] / s[0] + " detach listeners, last response "
                + s[4] / s[0] + " KB, " + s[5] / s[0] + " constants"));
        printNodesByComponent(context, label);
    }

    /** For one UI per route: its state nodes by the component (or, without one, the element tag) each belongs to. */
    private static void printNodesByComponent(WebServerApplicationContext context, String label) throws Exception {
        java.util.Set<String> routes = new java.util.HashSet<>();
        for (OpenTabs.Tab tab : OpenTabs.of(context)) {
            for (UI ui : tab.uis()) {
                OpenTabs.locked(tab.vaadin(), () -> {
                    UIInternals internals = ui.getInternals();
                    String route = internals.getActiveViewLocation() == null ? "?" : internals.getActiveViewLocation().getPath().replaceAll("\\d+", "N");
                    if (!routes.add(route)) {
                        return null;
                    }
                    Map<String, Integer> counts = new TreeMap<>();
                    for (Object n : ((Map<?, ?>) read(StateTree.class, "idToNode", internals.getStateTree())).values()) {
                        com.vaadin.flow.internal.StateNode node = (com.vaadin.flow.internal.StateNode) n;
                        String kind;
                        if (node.hasFeature(com.vaadin.flow.internal.nodefeature.ElementData.class)) {
                            com.vaadin.flow.dom.Element element = com.vaadin.flow.dom.Element.get(node);
                            kind = element.getComponent().map(c -> c.getClass().getName().replaceAll("^.*\\.", ""))
                                    .orElse("<" + element.getTag() + ">");
                        } else {
                            kind = "(no element: " + node.getClass().getSimpleName() + ")";
                        }
                        counts.merge(kind, 1, Integer::sum);
                    }
                    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                            .forEach(e -> System.out.println("[nodes " + label + "] " + route + " " + e.getValue() + " " + e.getKey()));
                    return null;
                });
            }
        }
    }

    /**
     * The first path of references from a tab's Vaadin session to a live instance of the given class, or null:
     * how a view that the tab left is still held. Collections are walked as collections; Spring beans are not entered.
     */
    static String pathTo(WebServerApplicationContext context, Class<?> target) throws Exception {
        for (OpenTabs.Tab tab : OpenTabs.of(context)) {
            if (tab.vaadin() == null) {
                continue;
            }
            String path = OpenTabs.locked(tab.vaadin(), () -> {
                boolean onTarget = tab.vaadin().getUIs().stream().anyMatch(ui -> ui.getInternals().getActiveRouterTargetsChain().stream()
                        .anyMatch(target::isInstance));
                return onTarget ? null : search(tab.vaadin(), target);
            });
            if (path != null) {
                return path;
            }
        }
        return null;
    }

    private record Step(Object object, String path, int depth) {
    }

    private static String search(Object root, Class<?> target) {
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Step> queue = new java.util.ArrayDeque<>();
        queue.add(new Step(root, root.getClass().getSimpleName(), 0));
        while (!queue.isEmpty() && seen.size() < 2_000_000) {
            Step step = queue.poll();
            Object o = step.object();
            if (o == null || !seen.add(o) || step.depth() > 40) {
                continue;
            }
            if (target.isInstance(o)) {
                return step.path();
            }
            Class<?> type = o.getClass();
            if (type.isPrimitive() || o instanceof String || o instanceof Class<?> || o instanceof ClassLoader || o instanceof Thread
                    || type.getName().startsWith("org.springframework") || type.isAnnotationPresent(org.springframework.stereotype.Service.class)
                    || type.isAnnotationPresent(org.springframework.stereotype.Component.class)
                    || type.isAnnotationPresent(org.springframework.stereotype.Repository.class)) {
                continue;
            }
            try {
                if (o instanceof Map<?, ?> map) {
                    for (var entry : map.entrySet()) {
                        queue.add(new Step(entry.getKey(), step.path() + "{key " + entry.getKey().getClass().getSimpleName() + "}", step.depth() + 1));
                        queue.add(new Step(entry.getValue(), step.path() + "[" + entry.getKey().getClass().getSimpleName() + "]", step.depth() + 1));
                    }
                    continue;
                }
                if (o instanceof Iterable<?> items && !(o instanceof com.vaadin.flow.component.Component)) {
                    for (Object item : items) {
                        queue.add(new Step(item, step.path() + "[]", step.depth() + 1));
                    }
                    continue;
                }
            } catch (RuntimeException concurrentlyChanged) {
                continue;
            }
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (Object item : (Object[]) o) {
                        queue.add(new Step(item, step.path() + "[]", step.depth() + 1));
                    }
                }
                continue;
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    // a JDK class's fields are closed (its collections are walked above): asked, not thrown, since an exception
                    // per field made the search take over 20 minutes
                    if (!f.trySetAccessible()) {
                        continue;
                    }
                    try {
                        queue.add(new Step(f.get(o), step.path() + "." + f.getName() + "(" + c.getSimpleName() + ")", step.depth() + 1));
                    } catch (IllegalAccessException closed) {
                        // not readable after all
                    }
                }
            }
        }
        return null;
    }

    private static Object read(Class<?> type, String name, Object owner) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Flow's " + type.getSimpleName() + " has no field " + name, e);
        }
    }
}
