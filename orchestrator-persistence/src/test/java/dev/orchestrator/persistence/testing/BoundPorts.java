package dev.orchestrator.persistence.testing;

import dev.orchestrator.core.application.OutboundPorts;
import dev.orchestrator.core.domain.ids.OrganizationId;
import dev.orchestrator.core.domain.scope.WorkScope;
import dev.orchestrator.persistence.TenantScope;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Optional;

/**
 * Ports whose every call runs with {@link TenantScope} bound to the organization the call is about,
 * as the HTTP API binds the caller's: found among the arguments (an {@code OrganizationId}, a
 * {@code WorkScope}'s, or an argument's {@code organizationId()}, also the first element of a list).
 * A call about no organization runs unbound. For running the port contracts as the service role.
 */
public final class BoundPorts {

    private BoundPorts() {
    }

    public static OutboundPorts of(OutboundPorts ports) {
        try {
            RecordComponent[] components = OutboundPorts.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = bound(types[i], components[i].getAccessor().invoke(ports));
            }
            Constructor<OutboundPorts> constructor = OutboundPorts.class.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object bound(Class<?> type, Object port) {
        if (!type.isInterface()) {
            return port;
        }
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Optional<OrganizationId> organization = organizationOf(args);
            try (TenantScope.Binding ignored = organization.map(TenantScope::bind).orElse(null)) {
                return method.invoke(port, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static Optional<OrganizationId> organizationOf(Object[] args) {
        if (args == null) {
            return Optional.empty();
        }
        for (Object arg : args) {
            Optional<OrganizationId> found = organizationOf(arg);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<OrganizationId> organizationOf(Object arg) {
        if (arg instanceof OrganizationId id) {
            return Optional.of(id);
        }
        if (arg instanceof WorkScope scope) {
            return scope.organization();
        }
        if (arg instanceof Collection<?> list) {
            return list.isEmpty() ? Optional.empty() : organizationOf(list.iterator().next());
        }
        if (arg == null) {
            return Optional.empty();
        }
        try {
            Method accessor = arg.getClass().getMethod("organizationId");
            Object value = accessor.invoke(arg);
            return value instanceof OrganizationId id ? Optional.of(id) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
