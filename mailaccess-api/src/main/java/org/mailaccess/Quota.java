package org.mailaccess;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The quota of a quota root (RFC 9208, formerly RFC 2087): how much of each resource is used and allowed.
 *
 * @param root      the quota root name (often empty)
 * @param resources the limited resources
 */
public record Quota(String root, List<Resource> resources) {

    /** Copies the list. */
    public Quota {
        Objects.requireNonNull(root, "root");
        resources = List.copyOf(resources);
    }

    /**
     * One limited resource.
     *
     * @param name  the resource name as sent, such as {@code STORAGE} (in KiB) or {@code MESSAGE}
     * @param usage the current usage
     * @param limit the limit
     */
    public record Resource(String name, long usage, long limit) {
        /** Validates the name. */
        public Resource {
            Objects.requireNonNull(name, "name");
        }

        /**
         * What is left before the limit.
         *
         * @return limit minus usage, never negative
         */
        public long remaining() {
            return Math.max(0, limit - usage);
        }
    }

    /**
     * A resource by name, case-insensitive.
     *
     * @param name for example {@code "STORAGE"}
     * @return the resource, if limited
     */
    public Optional<Resource> resource(String name) {
        return resources.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
    }
}
