package io.chartroom.audit.service;

import io.chartroom.audit.domain.AuditRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit rows one by one as CSV (RFC 4180, with a header) or JSON lines; nothing is kept once written.
 * (jackson-dataformat-csv is not in the build's repository; quoting CSV fields is all that is needed here.)
 */
final class AuditExportWriter implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> HEADER = Arrays.stream(AuditRecord.class.getRecordComponents()).map(c -> c.getName()).toList();

    private final AuditLog.ExportFormat format;
    private final Writer out;

    private AuditExportWriter(AuditLog.ExportFormat format, Writer out) {
        this.format = format;
        this.out = out;
    }

    static AuditExportWriter of(AuditLog.ExportFormat format, OutputStream stream) {
        AuditExportWriter writer = new AuditExportWriter(format,
                new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024));
        if (format == AuditLog.ExportFormat.CSV) {
            writer.csvLine(HEADER);
        }
        return writer;
    }

    void write(AuditRecord r) {
        try {
            if (format == AuditLog.ExportFormat.JSONL) {
                out.write(JSON.writeValueAsString(r));
                out.write('\n');
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        csvLine(Arrays.asList(r.id(), r.occurredAt(), r.actor(), r.action(), r.outcome(), r.targetType(), r.target(), r.release(),
                r.environment(), r.cluster(), r.changeRequest(), r.details(), r.sourceAddress()));
    }

    private void csvLine(List<?> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csvField(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csvField(Object value) {
        String text = Objects.toString(value, "");
        // a leading = + - @ would be a formula in spreadsheets: quote-prefix it (CSV injection)
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
