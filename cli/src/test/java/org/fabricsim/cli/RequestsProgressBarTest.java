package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestsProgressBarTest {
    private static final Duration NEVER = Duration.ofHours(1);

    private static String draw(boolean terminal, Duration first, int done, int total) {
        StringWriter text = new StringWriter();
        AtomicInteger counter = new AtomicInteger();
        try (RequestsProgressBar bar = new RequestsProgressBar(new PrintWriter(text), "simulating", counter::get,
                () -> total, terminal, first, NEVER)) {
            counter.set(done);
        }
        return text.toString();
    }

    @Test
    void workEndingBeforeFirstDraw_leavesStderrEmpty() {
        assertEquals("", draw(false, NEVER, 7, 10));
        assertEquals("", draw(true, NEVER, 7, 10));
    }

    @Test
    void log_lastLineShowsCountersAtClose_noLineRepeated() {
        List<String> lines = draw(false, Duration.ZERO, 7, 10).lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("simulating  70% ["), last);
        assertTrue(last.contains(" 7/10 requests ("), last);
        assertFalse(last.contains("\r"), last);
        for (int i = 1; i < lines.size(); i++) {
            assertNotEquals(lines.get(i - 1), lines.get(i));
        }
    }

    @Test
    void terminal_redrawsInPlace_thenEndsTheLine() {
        String text = draw(true, Duration.ZERO, 10, 10);
        assertTrue(text.startsWith("\r"), text);
        assertTrue(text.endsWith(System.lineSeparator()), text);
        String last = text.substring(text.lastIndexOf('\r') + 1).strip();
        assertTrue(last.startsWith("simulating 100% [") && last.contains(" 10/10 requests ("), last);
    }

    @Test
    void terminal_closedBeforeTheLibrarysFirstDraw_stillEndsTheLine() {
        // the library skips closing its consumer when closed before its first scheduled draw: a race, so repeat it
        for (int i = 0; i < 300; i++) {
            String text = draw(true, Duration.ZERO, 10, 10);
            assertTrue(text.endsWith(System.lineSeparator()), "run " + i + ": " + text);
            assertEquals(1, text.split(System.lineSeparator(), -1).length - 1, "run " + i + ": one line ended once");
        }
    }
}
