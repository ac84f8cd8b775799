package org.mailaccess;

/**
 * The operation needs a feature this session does not offer (because of the protocol, or because this server did
 * not advertise it). Thrown before anything is sent; the session is still usable.
 */
public final class UnsupportedCapabilityException extends MailAccessException {

    /** The feature the operation needed and the session does not offer. */
    private final Capability capability;

    /**
     * Creates the exception.
     *
     * @param capability the missing feature
     */
    public UnsupportedCapabilityException(Capability capability) {
        super("This session does not support " + capability, null);
        this.capability = capability;
    }

    /**
     * The missing feature.
     *
     * @return the capability
     */
    public Capability capability() {
        return capability;
    }

    @Override
    public boolean isSessionUsable() {
        return true;
    }
}
