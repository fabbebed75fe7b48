package com.driftsentry.reference.seed;

import com.driftsentry.reference.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** The seeded tenant and its keys as JSON, readable by the owner only: what load tests and smoke runs read. */
public final class KeysFile {
    private KeysFile() {
    }

    public static String json(Seeder.Seeded seeded, String baseUrl, String dashboardUrl) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (baseUrl != null) {
            out.put("baseUrl", baseUrl);
        }
        if (dashboardUrl != null) {
            out.put("dashboardUrl", dashboardUrl);
        }
        out.put("tenantId", seeded.tenantId());
        out.put("tenantName", seeded.tenantName());
        out.put("adminKey", seeded.adminKey());
        out.put("readerKey", seeded.readerKey());
        out.put("drifts", seeded.drifts());
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out);
    }

    public static void write(Path file, String json) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path tmp = Files.createTempFile(absolute.getParent(), ".keys", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, json + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
