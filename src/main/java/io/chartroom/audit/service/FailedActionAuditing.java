package io.chartroom.audit.service;

import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.Audited;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audits every {@link Audited} service method that fails. The advice sits outside the method's transaction,
 * so the failure is recorded after the rollback, in a transaction of its own; only the outermost audited call
 * of a thread records, so one failed action is one line.
 */
@Configuration(proxyBeanMethods = false)
class FailedActionAuditing {

    /** Infrastructure role: Boot's proxy creator without AspectJ only applies infrastructure advisors. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor failedActionAdvisor(ObjectProvider<ApplicationEventPublisher> events, ObjectProvider<PlatformTransactionManager> transactions,
                                       ObjectProvider<SecurityContextHolderStrategy> security) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                new AnnotationMatchingPointcut(null, Audited.class, true), new Interceptor(events, transactions, security));
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }

    static final class Interceptor implements MethodInterceptor {

        private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

        private final ObjectProvider<ApplicationEventPublisher> events;
        private final ObjectProvider<PlatformTransactionManager> transactions;
        private final ObjectProvider<SecurityContextHolderStrategy> security;

        Interceptor(ObjectProvider<ApplicationEventPublisher> events, ObjectProvider<PlatformTransactionManager> transactions,
                    ObjectProvider<SecurityContextHolderStrategy> security) {
            this.events = events;
            this.transactions = transactions;
            this.security = security;
        }

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            if (INSIDE.get() != null) {
                return invocation.proceed();
            }
            INSIDE.set(Boolean.TRUE);
            try {
                return invocation.proceed();
            } catch (RuntimeException e) {
                record(invocation.getMethod(), invocation.getArguments(), e);
                throw e;
            } finally {
                INSIDE.remove();
            }
        }

        private void record(Method method, Object[] arguments, RuntimeException failure) {
            Audited audited = method.getAnnotation(Audited.class);
            // the context's own strategy (as CurrentUser reads it), not the static holder
            Authentication caller = security.getIfAvailable(SecurityContextHolder::getContextHolderStrategy).getContext().getAuthentication();
            AuditEntry.Builder entry = AuditEntry.of(audited.value(), caller == null ? "anonymous" : caller.getName())
                    .target(audited.targetType(), target(audited, arguments));
            String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            reason = reason.length() > 500 ? reason.substring(0, 500) + "…" : reason;
            if (failure instanceof AccessDeniedException) {
                entry.denied(reason);
            } else {
                entry.failed(reason);
            }
            TransactionTemplate own = new TransactionTemplate(transactions.getObject());
            own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            own.executeWithoutResult(status -> events.getObject().publishEvent(entry.build()));
        }

        private static String target(Audited audited, Object[] arguments) {
            if (audited.target() < 0 || audited.target() >= arguments.length || arguments[audited.target()] == null) {
                return null;
            }
            Object argument = arguments[audited.target()];
            if (argument instanceof Record) {
                try {
                    Method name = argument.getClass().getMethod("name");
                    Object value = name.invoke(argument);
                    return value == null || value.toString().isBlank() ? null : value.toString();
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
            return argument.toString().isBlank() ? null : argument.toString();
        }
    }
}
