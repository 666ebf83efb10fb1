package dev.orchestrator.persistence.types;

import dev.orchestrator.core.domain.WireNamed;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.AbstractConverter;

/**
 * A closed-set column (VARCHAR with a CHECK ... IN constraint) read and written as a core enum: the
 * stored value is the constant's {@link WireNamed#wireName() wire name}, never its Java name. The
 * jOOQ code generator types the columns with the core enums through the subclasses in this
 * package (it needs a class with a no-arg constructor per enum; see the pom's forcedTypes).
 * {@code ClosedSetChecksTest} keeps the CHECK constraints and the enums' wire names equal.
 *
 * @param <E> the core enum
 */
public class WireNameConverter<E extends Enum<E> & WireNamed> extends AbstractConverter<String, E> {

    private final Map<String, E> byWireName;

    public WireNameConverter(Class<E> type) {
        super(String.class, type);
        Map<String, E> names = new LinkedHashMap<>();
        for (E value : type.getEnumConstants()) {
            if (names.putIfAbsent(value.wireName(), value) != null) {
                throw new IllegalArgumentException(type.getName() + " has two constants named " + value.wireName());
            }
        }
        this.byWireName = Collections.unmodifiableMap(names);
    }

    @Override
    public E from(String stored) {
        if (stored == null) {
            return null;
        }
        E value = byWireName.get(stored);
        if (value == null) {
            throw new DataTypeException("stored value '" + stored + "' is no " + toType().getName()
                    + " (known: " + String.join(", ", byWireName.keySet()) + ")");
        }
        return value;
    }

    @Override
    public String to(E value) {
        return value == null ? null : value.wireName();
    }
}
