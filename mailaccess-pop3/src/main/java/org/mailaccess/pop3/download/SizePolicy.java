package org.mailaccess.pop3.download;

/**
 * What a run does with a new message above a size limit, judged by the size the server lists for it (RFC 1939 LIST).
 * The application decides about such messages with {@link Pop3Downloader#mark}; a {@link Mark#DOWNLOAD} mark
 * overrides the limit.
 *
 * @param action what happens above the limit
 * @param limit  the largest size, in octets, that is downloaded without asking
 */
public record SizePolicy(Action action, long limit) {

    /** What happens to a message above the limit. */
    public enum Action {
        /** Nothing: every message is downloaded. */
        DOWNLOAD,
        /** Its header is fetched with TOP (RFC 1939 section 7) and returned as a preview; the body stays on the server. */
        PREVIEW,
        /** It is left on the server and reported as skipped. */
        SKIP
    }

    /**
     * Checks the components.
     *
     * @param action what happens to a new message above the limit
     * @param limit  the largest size, in octets as the server lists it (RFC 1939 LIST), that is downloaded without
     *               asking
     * @throws NullPointerException     if {@code action} is null
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public SizePolicy {
        java.util.Objects.requireNonNull(action, "action");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
    }

    /**
     * Download every message whatever its size (the default).
     *
     * @return the policy
     */
    public static SizePolicy unlimited() {
        return new SizePolicy(Action.DOWNLOAD, Long.MAX_VALUE);
    }

    /**
     * Preview (headers only) the messages larger than {@code limit} octets.
     *
     * @param limit the largest size downloaded without asking
     * @return the policy
     */
    public static SizePolicy previewAbove(long limit) {
        return new SizePolicy(Action.PREVIEW, limit);
    }

    /**
     * Preview every new message: the "headers only" mode of mail clients. Only messages marked
     * {@link Mark#DOWNLOAD} are downloaded.
     *
     * @return the policy
     */
    public static SizePolicy previewAll() {
        return new SizePolicy(Action.PREVIEW, 0);
    }

    /**
     * Skip the messages larger than {@code limit} octets.
     *
     * @param limit the largest size downloaded
     * @return the policy
     */
    public static SizePolicy skipAbove(long limit) {
        return new SizePolicy(Action.SKIP, limit);
    }

    /**
     * What happens to an unmarked new message of this size.
     *
     * @param size the size the server lists
     * @return {@link Action#DOWNLOAD} at or below the limit, the policy's action above it
     */
    public Action actionFor(long size) {
        return size > limit ? action : Action.DOWNLOAD;
    }
}
