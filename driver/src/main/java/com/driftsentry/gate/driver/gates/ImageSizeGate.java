package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.aws.AwsCall;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/** The candidate image's size in ECR must stay under the bound (500 MB unless platform.maxImageMb says otherwise). */
public record ImageSizeGate(EcrClient ecr, String image, long maxBytes, String environment) implements Gate {
    private static final Pattern ECR = Pattern.compile("(\\d{12})\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/(.+):([^:]+)");

    @Override
    public String name() {
        return "image";
    }

    @Override
    public Verdict judge() {
        return verdict(environment, image, "ECR", line());
    }

    private VerdictLine line() {
        VerdictLine.Builder line = ImageSize.line(maxBytes);
        Matcher m = ECR.matcher(image);
        if (!m.matches()) {
            return line.inconclusive(image + " is not an ECR image (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>), so its size is unknown");
        }
        List<ImageDetail> details;
        try {
            details = ecr.describeImages(b -> b.registryId(m.group(1)).repositoryName(m.group(2)).imageIds(id -> id.imageTag(m.group(3))))
                    .imageDetails();
        } catch (SdkException e) {
            return line.inconclusive("the size of " + image + " could not be read: " + AwsCall.problem("ecr:DescribeImages", e, null));
        }
        if (details.isEmpty() || details.get(0).imageSizeInBytes() == null) {
            return line.inconclusive("ECR has no size for " + image);
        }
        return ImageSize.judge(details.get(0).imageSizeInBytes(), maxBytes);
    }
}
