package eu.muster.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.muster.json.Violation;
import java.util.List;

/**
 * An RFC 9457 problem document: what went wrong with a request, for a program and for a person.
 * The {@code type} is a stable URI per kind of problem, documented in docs/api.md; bad input
 * carries a {@code violations} member naming each field and what was expected.
 *
 * @param status     the HTTP status
 * @param kind       the stable problem kind, the last segment of {@code type}
 * @param title      a short summary of the kind, the same for every occurrence
 * @param detail     what happened this time
 * @param violations for bad input: each field and what was expected; empty otherwise
 */
public record Problem(int status, String kind, String title, String detail, List<Violation> violations) {

    /** The prefix of every problem type URI. */
    public static final String TYPE_PREFIX = "https://muster.example/problems/";
    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        violations = List.copyOf(violations);
    }

    /** A problem without field violations. */
    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(status, kind, title, detail, List.of());
    }

    /** The problem as JSON, with {@code instance} set to the request's path. */
    public ObjectNode toJson(ObjectMapper mapper, String instance) {
        ObjectNode json = mapper.createObjectNode();
        json.put("type", TYPE_PREFIX + kind);
        json.put("title", title);
        json.put("status", status);
        json.put("detail", detail);
        json.put("instance", instance);
        if (!violations.isEmpty()) {
            ArrayNode list = json.putArray("violations");
            for (Violation violation : violations) {
                list.addObject().put("path", violation.path()).put("expected", violation.expected()).put("actual", violation.actual());
            }
        }
        return json;
    }

    /** Thrown by request handling to answer with this problem. */
    public static final class Raised extends RuntimeException {

        private final transient Problem problem;

        /** Raises {@code problem}. */
        public Raised(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        /** The problem to answer with. */
        public Problem problem() {
            return problem;
        }
    }
}
