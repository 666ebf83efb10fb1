package dev.orchestrator.core.domain;

/**
 * A value of a closed set with a stable external name: the one string used for it in JSON, SQL
 * (the stored value, which the migrations' CHECK constraints list) and on the command line. Wire
 * names never change when a Java constant is renamed.
 */
public interface WireNamed {

    /** The name used in JSON, SQL and on the command line. */
    String wireName();
}
