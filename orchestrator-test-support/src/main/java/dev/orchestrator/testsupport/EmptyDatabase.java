package dev.orchestrator.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link TestDatabase} parameter: inject a new database with no schema at all instead of
 * the class's migrated one. Dropped when the test method (or class, for {@code @BeforeAll}) ends.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface EmptyDatabase {}
