package eu.muster.topics;

/** The cluster did not answer, or refused, a request to list, create or describe topics. */
public final class TopicProvisioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
