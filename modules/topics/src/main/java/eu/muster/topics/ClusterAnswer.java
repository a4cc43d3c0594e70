package eu.muster.topics;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for the cluster's answer to one request, turning every way it can fail into one exception that says what was asked. */
final class ClusterAnswer {

    private ClusterAnswer() {
    }

    static <T> T await(Future<T> answer, Duration timeout, String what) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            throw new TopicProvisioningException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicProvisioningException("cannot " + what + ": no answer from the cluster within " + timeout, e);
        }
    }
}
