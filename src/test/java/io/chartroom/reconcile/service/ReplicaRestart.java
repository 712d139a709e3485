package io.chartroom.reconcile.service;

import io.chartroom.reconcile.diff.DriftCheck;
import io.chartroom.reconcile.diff.DriftReference;
import io.chartroom.reconcile.health.UnsettledObjects;
import io.chartroom.reconcile.plan.GeneratedSecrets;
import com.github.benmanes.caffeine.cache.Cache;
import io.chartroom.reconcile.domain.UnitKey;
import io.chartroom.render.service.RenderService;
import org.springframework.context.ApplicationContext;
import org.springframework.test.util.AopTestUtils;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * What a portal restart forgets, without starting a second Spring context: every render it cached, the Secret
 * keys it found a chart generates, and the apply answers drift is measured against. What the database and the
 * clusters hold stays, as across a real restart.
 */
public final class ReplicaRestart {

    private ReplicaRestart() {}

    /** Forgets it all for the whole portal; the units of {@code units} lose their apply answers too. */
    public static void forgetEverythingLearnt(ApplicationContext context, UnitKey... units) {
        RenderService render = context.getBean(RenderService.class);
        ((Cache<?, ?>) ReflectionTestUtils.getField((Object) AopTestUtils.getUltimateTargetObject(render), "cache")).invalidateAll();
        GeneratedSecrets generated = context.getBean(GeneratedSecrets.class);
        ((Cache<?, ?>) ReflectionTestUtils.getField((Object) generated, "known")).invalidateAll();
        for (UnitKey unit : units) {
            context.getBean(UnsettledObjects.class).forget(unit);
            context.getBean(DriftReference.class).forget(unit);
            context.getBean(DriftCheck.class).forget(unit);
        }
    }
}
