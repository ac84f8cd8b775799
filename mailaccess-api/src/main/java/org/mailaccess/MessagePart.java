package org.mailaccess;

import java.util.Objects;
import java.util.Optional;

/**
 * One leaf of a message's MIME structure (IMAP BODYSTRUCTURE, RFC 3501 section 7.4.2), enough to show an attachment
 * and fetch it alone with {@link Folder#openPart}.
 *
 * @param partId      the IMAP section number, such as {@code "2"} or {@code "1.2"}
 * @param contentType the MIME type, such as {@code application/pdf}, lower-case
 * @param fileName    the decoded file name, if any
 * @param size        the encoded size in octets as the server reports it
 * @param attachment  whether the disposition is {@code attachment}
 */
public record MessagePart(String partId, String contentType, Optional<String> fileName, long size, boolean attachment) {

    /**
     * Validates the components.
     *
     * @param partId      the IMAP section number (RFC 3501 section 6.4.5), such as {@code "2"} or {@code "1.2"}; a
     *                    message that is not multipart has its single body as {@code "1"}
     * @param contentType the MIME type and subtype (RFC 2045), such as {@code application/pdf}, lower-case and
     *                    without parameters
     * @param fileName    the file name from the Content-Disposition {@code filename} parameter or, failing that, the
     *                    Content-Type {@code name} parameter, with RFC 2047 encoded words decoded; empty when neither
     *                    is present
     * @param size        the size of the part's body in octets in its transfer encoding (so about 4/3 of the decoded
     *                    size for base64), as the server reports it
     * @param attachment  whether the Content-Disposition is {@code attachment} (RFC 2183); false for {@code inline}
     *                    and when there is no disposition
     * @throws NullPointerException when {@code partId}, {@code contentType} or {@code fileName} is null
     */
    public MessagePart {
        Objects.requireNonNull(partId, "partId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(fileName, "fileName");
    }
}
