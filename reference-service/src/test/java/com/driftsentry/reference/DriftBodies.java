package com.driftsentry.reference;

/** Request bodies shared by the API tests. */
final class DriftBodies {
    private DriftBodies() {
    }

    static String drift(String resourceId, String severity) {
        return """
                {"resourceType":"aws_security_group","resourceId":"%s","region":"us-east-1","severity":"%s",
                 "expectedState":{"ingress":[{"port":22,"cidr":"10.0.0.0/8"}]},
                 "actualState":{"ingress":[{"port":22,"cidr":"0.0.0.0/0"}]},"monthlyCostDeltaUsd":12.34}
                """.formatted(resourceId, severity);
    }
}
