package dev.orchestrator.cli.importing;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on the terminal (me.tongfei:progressbar), or nothing when no one is watching. */
public interface Progress extends AutoCloseable {

    void stepTo(long position);

    @Override
    void close();

    static Progress none() {
        return new Progress() {
            @Override
            public void stepTo(long position) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** A bar counting {@code max} rows, only when {@code interactive}. */
    static Progress rows(boolean interactive, String task, long max) {
        if (!interactive) {
            return none();
        }
        return bar(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(" rows", 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .build());
    }

    /** A bar counting bytes of a file of {@code size} bytes, only when {@code interactive}. */
    static Progress bytes(boolean interactive, String task, long size) {
        if (!interactive) {
            return none();
        }
        return bar(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(size)
                .setUnit(" MB", 1 << 20)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .build());
    }

    private static Progress bar(ProgressBar bar) {
        return new Progress() {
            @Override
            public void stepTo(long position) {
                if (position >= 0) {
                    bar.stepTo(position);
                }
            }

            @Override
            public void close() {
                bar.stepTo(bar.getMax());
                bar.close();
            }
        };
    }
}
