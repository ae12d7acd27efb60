package org.fabricsim.workloads.requests;

import java.util.Arrays;
import java.util.List;

/**
 * A trace format in CSV with a header naming its columns: finds the needed columns by name (others
 * are ignored) and checks every data line has the header's number of fields.
 */
abstract class CsvTraceReader extends TraceReader {
    private final String formatName;
    private final String[] needed;
    private final int[] index;
    private int columns;

    CsvTraceReader(String formatName, String... needed) {
        this.formatName = formatName;
        this.needed = needed;
        this.index = new int[needed.length];
    }

    @Override
    final boolean hasHeader() {
        return true;
    }

    @Override
    final void header(String line) throws BadLine {
        List<String> names = Arrays.stream(csvFields(line)).map(String::trim).toList();
        columns = names.size();
        for (int i = 0; i < needed.length; i++) {
            index[i] = names.indexOf(needed[i]);
            if (index[i] < 0) {
                throw new BadLine("header must name the columns " + String.join(", ", needed) + " (" + formatName
                        + "), got " + names);
            }
        }
    }

    /** The needed columns of a data line, in the order given to the constructor, trimmed. */
    final String[] fields(String line) throws BadLine {
        String[] f = csvFields(line);
        if (f.length != columns) {
            throw new BadLine("expected " + columns + " fields, got " + f.length);
        }
        String[] out = new String[needed.length];
        for (int i = 0; i < needed.length; i++) {
            out[i] = f[index[i]].trim();
        }
        return out;
    }
}
