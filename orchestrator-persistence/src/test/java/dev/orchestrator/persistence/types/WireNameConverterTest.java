package dev.orchestrator.persistence.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orchestrator.core.domain.execution.ExecutionStatus;
import dev.orchestrator.core.domain.lifecycle.Action;
import org.jooq.exception.DataTypeException;
import org.junit.jupiter.api.Test;

class WireNameConverterTest {

    @Test
    void storesAndReadsTheWireNameNotTheConstantName() {
        ActionConverter converter = new ActionConverter();

        assertThat(converter.to(Action.UPDATE_DATA)).isEqualTo("update_data");
        assertThat(converter.from("update_data")).isEqualTo(Action.UPDATE_DATA);
        for (Action action : Action.values()) {
            assertThat(converter.from(converter.to(action))).isEqualTo(action);
        }
    }

    @Test
    void nullStaysNull() {
        ExecutionStatusConverter converter = new ExecutionStatusConverter();

        assertThat(converter.from(null)).isNull();
        assertThat(converter.to(null)).isNull();
    }

    @Test
    void anUnknownStoredValueIsAClearError() {
        assertThatThrownBy(() -> new ExecutionStatusConverter().from("NOT_STARTED"))
                .isInstanceOf(DataTypeException.class)
                .hasMessageContaining("'NOT_STARTED'")
                .hasMessageContaining(ExecutionStatus.class.getName())
                .hasMessageContaining("not_started");
    }
}
