package dev.orchestrator.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT as a request to stop, not a JVM kill: the JVM's own handlers would run the
 * shutdown hooks and exit with 143 or 130, which systemd and Kubernetes count as failures. With
 * these, {@code serve} stops accepting, lets requests in flight finish, closes its pools and exits 0.
 * A second signal while stopping exits at once (130 or 143). The previous handlers come back on
 * {@link #close()} (tests run serve inside their own JVM).
 */
final class StopSignals implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile boolean stopping;

    private StopSignals() {
    }

    /** Runs {@code onStop} (once) on the first SIGTERM or SIGINT. Unsupported signals are skipped. */
    static StopSignals install(Runnable onStop) {
        StopSignals signals = new StopSignals();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler old = Signal.handle(signal, s -> signals.received(s, onStop));
                signals.installed.add(signal);
                signals.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not on this platform, or the JVM reserves it (-Xrs): the shutdown hook still stops cleanly
            }
        }
        return signals;
    }

    private void received(Signal signal, Runnable onStop) {
        if (stopping) {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        stopping = true;
        onStop.run();
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            try {
                Signal.handle(installed.get(i), previous.get(i));
            } catch (IllegalArgumentException | UnsupportedOperationException ignored) {
                // leave it
            }
        }
    }
}
