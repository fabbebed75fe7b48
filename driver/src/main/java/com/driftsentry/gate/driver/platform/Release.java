package com.driftsentry.gate.driver.platform;

import java.util.regex.Pattern;

/**
 * A deployable build: the image reference as given (an ECR URI with a tag, or a bare version for
 * the embedded platform), the version its health endpoint must report (the tag), and the platform's
 * own handle once deployed (an ECS task definition ARN).
 */
public record Release(String image, String version, String revision) {
    // repository[:tag] with a registry host, or a bare version such as 0.2.0 or 1.4.2-rc1. Possessive
    // quantifiers: a reference of thousands of segments is refused in linear time, not by a stack overflow.
    private static final Pattern IMAGE = Pattern.compile("([a-z0-9.-]++(:[0-9]++)?/)?[a-z0-9]++([._/-][a-z0-9]++)*+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    // A registry host, a repository path of at most 255 characters (Docker's limit) and a tag of at most 128.
    private static final int MAX_LENGTH = 512;

    /** Parses {@code --image}: an image with a tag (the tag is the version) or a bare version; null when it is neither. */
    public static Release parse(String image) {
        if (image == null || image.length() > MAX_LENGTH) {
            return null;
        }
        if (IMAGE.matcher(image).matches()) {
            return new Release(image, image.substring(image.lastIndexOf(':') + 1), null);
        }
        return VERSION.matcher(image).matches() && !image.contains("/") ? new Release(image, image, null) : null;
    }

    public Release withRevision(String newRevision) {
        return new Release(image, version, newRevision);
    }

    @Override
    public String toString() {
        return image.equals(version) ? version : image;
    }
}
