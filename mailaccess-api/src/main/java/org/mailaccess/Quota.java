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

    /**
     * Copies the list into an immutable one.
     *
     * @param root      the quota root name (RFC 9208 section 3), often the empty string for the user's main quota
     * @param resources the resources this root limits, in the order the server sent them
     * @throws NullPointerException when {@code root}, the list or one of its elements is null
     */
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
        /**
         * Validates the name.
         *
         * @param name  the resource name as sent, such as {@code STORAGE} or {@code MESSAGE} (RFC 9208 section 5)
         * @param usage the current usage, in the resource's unit: units of 1024 octets for {@code STORAGE}, a count of
         *              messages for {@code MESSAGE}
         * @param limit the limit, in the same unit as {@code usage}
         * @throws NullPointerException when {@code name} is null
         */
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
