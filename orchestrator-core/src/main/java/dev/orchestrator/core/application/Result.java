package dev.orchestrator.core.application;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a use case: a value, or a {@link Failure} the caller is expected to handle
 * (validation, not found, forbidden, lifecycle rejection, concurrent change). Bugs are exceptions.
 */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {
    }

    record Err<T>(Failure failure) implements Result<T> {
        public Err {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> err(Failure failure) {
        return new Err<>(failure);
    }

    default <U> Result<U> map(Function<? super T, ? extends U> mapper) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(mapper.apply(ok.value()));
        }
        return new Err<>(((Err<T>) this).failure());
    }

    default <U> Result<U> flatMap(Function<? super T, Result<U>> mapper) {
        if (this instanceof Ok<T> ok) {
            return mapper.apply(ok.value());
        }
        return new Err<>(((Err<T>) this).failure());
    }

    /** The value; throws if this is a failure (for tests and callers that already checked). */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("expected a value but got " + ((Err<T>) this).failure());
    }
}
