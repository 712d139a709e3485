package io.chartroom.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.openjdk.jol.vm.VM;
import org.openjdk.jol.vm.VirtualMachine;

/**
 * Walks the objects reachable from some roots by strong references, as the garbage collector would (a reference
 * object's referent is not followed), stopping at a barrier. Sizes are the JVM's own (JOL): headers, padding and
 * compressed references included. Fields are read by offset, so JDK classes need no opened modules; records and
 * hidden classes (lambdas), whose offsets the JVM does not give out, are read by reflection where allowed.
 */
final class HeapGraph {

    private static final VirtualMachine VM_LAYOUT = VM.current();
    private static final Map<Class<?>, List<Reader>> READERS = new ConcurrentHashMap<>();

    private HeapGraph() {
    }

    /** Every object reachable from the roots without passing a barrier (a barrier object itself is not visited). */
    static Set<Object> reachable(List<?> roots, Predicate<Object> barrier) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        walk(roots, barrier, seen::add);
        return seen;
    }

    /** Calls {@code visit} once per reachable object (the consumer's set decides "once": it returns false for seen). */
    static void walk(List<?> roots, Predicate<Object> barrier, Visitor visit) {
        ArrayDeque<Object> queue = new ArrayDeque<>();
        roots.forEach(root -> {
            if (root != null) {
                queue.add(root);
            }
        });
        while (!queue.isEmpty()) {
            Object o = queue.poll();
            if (barrier.test(o) || !visit.firstTime(o)) {
                continue;
            }
            references(o, next -> {
                if (next != null) {
                    queue.add(next);
                }
            });
        }
    }

    /** The object's own size in bytes (not what it references). */
    static long sizeOf(Object o) {
        return VM_LAYOUT.sizeOf(o);
    }

    interface Visitor {
        boolean firstTime(Object o); // false when already visited
    }

    private static void references(Object o, Consumer<Object> out) {
        Class<?> type = o.getClass();
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                for (Object item : (Object[]) o) {
                    out.accept(item);
                }
            }
            return;
        }
        for (Reader reader : READERS.computeIfAbsent(type, HeapGraph::readers)) {
            out.accept(reader.read(o));
        }
    }

    private interface Reader {
        Object read(Object o);
    }

    private static List<Reader> readers(Class<?> type) {
        List<Reader> readers = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()
                        || (c == java.lang.ref.Reference.class && f.getName().equals("referent"))) {
                    continue;
                }
                Reader reader = byOffset(f);
                if (reader == null && f.trySetAccessible()) {
                    reader = o -> {
                        try {
                            return f.get(o);
                        } catch (IllegalAccessException e) {
                            return null;
                        }
                    };
                }
                if (reader != null) {
                    readers.add(reader);
                }
            }
        }
        return readers;
    }

    private static Reader byOffset(Field f) {
        try {
            long offset = VM_LAYOUT.fieldOffset(f);
            return o -> VM_LAYOUT.getObject(o, offset);
        } catch (RuntimeException noOffset) {
            return null; // a record's or a hidden class's field
        }
    }
}
