package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.verdict.Bound;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.Locale;

/** The one image-size check, wherever the size comes from (ECR for ecs, the local engine for compose): at most {@code platform.maxImageMb}. */
final class ImageSize {
    static final String CRITERION = "image size";

    private ImageSize() {
    }

    /** The line before the size is known: what an image that cannot be measured is judged INCONCLUSIVE on. */
    static VerdictLine.Builder line(long maxBytes) {
        return VerdictLine.of(CRITERION).threshold(written(maxBytes)).samples(1, 1).window("now");
    }

    static VerdictLine judge(long sizeBytes, long maxBytes) {
        String measured = String.format(Locale.ROOT, "%.1f MB", sizeBytes / 1e6);
        return line(maxBytes).measured(measured).judged(Bound.atMost(maxBytes), sizeBytes, "within the bound",
                "the image is " + measured + ", the bound " + written(maxBytes));
    }

    private static String written(long maxBytes) {
        return Bound.atMost(maxBytes).written(maxBytes / 1_000_000 + " MB");
    }
}
