package com.driftsentry.gate.driver;

import com.driftsentry.gate.aws.AwsClientFactory;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.store.StageStores;
import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.testing.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stage stores the tests run against: a folder; through the real S3 client S3Mock and moto's server (two S3
 * implementations no one here wrote); and the project's S3 stand-in, kept for what neither proves: that of many
 * conditional writes racing exactly one wins (moto's S3 takes no lock, S3Mock serves them one at a time).
 */
enum Stores {
    FILE, S3MOCK, MOTO, S3_STANDIN;

    private static S3StandIn standIn;

    static {
        // The SDK's default credential chain reads these; S3Mock and the stand-in accept any.
        System.setProperty("aws.accessKeyId", "AKIDSTANDIN");
        System.setProperty("aws.secretAccessKey", "standin-secret");
    }

    /** Where a fresh, empty store of this kind lives. */
    DeployConfig.State fresh(Path dir) throws IOException {
        return switch (this) {
            case FILE -> new DeployConfig.State("file", Files.createTempDirectory(dir, "state"), null, null, null, Optional.empty(), Optional.empty());
            case S3MOCK -> s3(S3MockServer.get().endpoint());
            case MOTO -> moto();
            case S3_STANDIN -> s3(standIn().endpoint());
        };
    }

    /** A fresh, empty store of this kind. */
    StageStore open(Path dir) throws IOException {
        return StageStores.open(fresh(dir));
    }

    /** The {@code state:} line of an environment file that names {@code state}. */
    static String yaml(DeployConfig.State state) {
        return state.s3() ? "state: { type: s3, bucket: " + state.bucket() + ", prefix: " + state.prefix() + ", endpoint: " + state.endpoint().orElseThrow() + " }"
                : "state: { type: file, path: " + state.path() + " }";
    }

    static synchronized S3StandIn standIn() throws IOException {
        if (standIn == null) {
            standIn = new S3StandIn();
        }
        return standIn;
    }

    private static DeployConfig.State s3(String endpoint) {
        return s3(endpoint, S3MockServer.BUCKET);
    }

    private static DeployConfig.State s3(String endpoint, String bucket) {
        return new DeployConfig.State("s3", null, bucket, UUID.randomUUID() + "/", "us-east-1", Optional.of(URI.create(endpoint)), Optional.empty());
    }

    /** A bucket of its own in moto (another test may have emptied moto since the last one). */
    private static DeployConfig.State moto() {
        String endpoint = MotoServer.shared().endpoint();
        String bucket = "driftgate-state-" + UUID.randomUUID();
        // One S3 client, not the account's every client: a store of its own per test.
        try (S3Client s3 = AwsClientFactory.configure(S3Client.builder(), "us-east-1", Optional.of(URI.create(endpoint))).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return s3(endpoint, bucket);
    }
}
