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

    /** Validates the components. */
    public MessagePart {
        Objects.requireNonNull(partId, "partId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(fileName, "fileName");
    }
}
