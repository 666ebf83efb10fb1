package dev.orchestrator.core.domain.signals;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One named rule of a signal score. The set is closed so that the SQL translation in the
 * persistence adapter can handle every kind of rule, and a new kind fails to compile there.
 */
public sealed interface SignalRule {

    String name();

    /** Adds {@code points} when the signal is known and compares with the threshold as stated. */
    record Threshold(String name, SignalField field, Comparison comparison, BigDecimal threshold, int points)
            implements SignalRule {
        public Threshold {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(threshold, "threshold");
        }
    }

    /** Adds the signal's own value (a whole number), when it is known. */
    record ValueOf(String name, SignalField field) implements SignalRule {
        public ValueOf {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(field, "field");
        }
    }

    /** Adds {@code points} when no contact of the customer has a strong relationship. */
    record NoStrongRelationship(String name, int points) implements SignalRule {
        public NoStrongRelationship {
            Objects.requireNonNull(name, "name");
        }
    }
}
