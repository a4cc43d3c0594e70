package eu.muster.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManagementServerTest {

    /** A health the test sets as it pleases. */
    private static final class FakeHealth implements ManagementServer.Health {
        volatile String state = "RUNNING";
        volatile boolean live = true;
        volatile boolean ready = true;
        volatile RuntimeException failure;

        @Override
        public String state() {
            RuntimeException e = failure;
            if (e != null) {
                throw e;
            }
            return state;
        }

        @Override
        public boolean live() {
            return live;
        }

        @Override
        public boolean ready() {
            return ready;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeHealth health = new FakeHealth();
    private MusterMetrics metrics;
    private ManagementServer server;

    @BeforeEach
    void start() throws IOException {
        metrics = MusterMetrics.create();
        server = ManagementServer.start("127.0.0.1", 0, metrics, health);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path);
    }

    @Test
    void listens_on_the_port_it_names() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/"));
    }

    @Test
    void serves_the_scrape_as_prometheus_text() throws Exception {
        metrics.submissionAccepted();

        HttpResponse<String> response = get("metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("muster_submissions_total{application=\"muster\",outcome=\"accepted\",reason=\"none\"} 1.0\n");
    }

    @Test
    void live_is_200_while_live() throws Exception {
        health.state = "REBALANCING";

        HttpResponse<String> response = get("health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"streams\":\"REBALANCING\"}");
    }

    @Test
    void live_is_503_when_not_live() throws Exception {
        health.state = "ERROR";
        health.live = false;
        health.ready = false;

        HttpResponse<String> response = get("health/live");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\",\"streams\":\"ERROR\"}");
    }

    @Test
    void ready_is_200_while_ready() throws Exception {
        HttpResponse<String> response = get("health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"streams\":\"RUNNING\"}");
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void ready_is_503_with_retry_after_when_not_ready() throws Exception {
        health.state = "CREATED";
        health.ready = false;

        HttpResponse<String> response = get("health/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\",\"streams\":\"CREATED\"}");
    }

    @Test
    void an_unknown_path_is_404() throws Exception {
        HttpResponse<String> response = get("health");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void another_method_is_405_allowing_get() throws Exception {
        HttpResponse<String> response = send("POST", "metrics");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void a_failing_health_is_answered_500_and_the_server_goes_on() throws Exception {
        health.failure = new IllegalStateException("health exploded");

        HttpResponse<String> failed = get("health/live");

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/json");

        health.failure = null;
        assertThat(get("health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void a_json_string_is_escaped() {
        assertThat(ManagementServer.jsonEscape("a\"b\\c\nd\u0001")).isEqualTo("a\\\"b\\\\c\\nd\\u0001");
    }

    @ParameterizedTest
    @CsvSource({
        "CREATED,          true,  false",
        "REBALANCING,      true,  true",
        "RUNNING,          true,  true",
        "PENDING_SHUTDOWN, true,  false",
        "NOT_RUNNING,      false, false",
        "PENDING_ERROR,    false, false",
        "ERROR,            false, false",
    })
    void kafka_streams_health_by_state(KafkaStreams.State state, boolean live, boolean ready) {
        ManagementServer.Health health = ManagementServer.streamsHealth(() -> state);

        assertThat(health.state()).isEqualTo(state.name());
        assertThat(health.live()).isEqualTo(live);
        assertThat(health.ready()).isEqualTo(ready);
    }

    @Test
    void kafka_streams_health_follows_the_instance(@TempDir Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "muster-health-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"); // never started
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        ManagementServer.Health health = ManagementServer.Health.of(streams);

        assertThat(health.state()).isEqualTo("CREATED");
        assertThat(health.live()).isTrue();
        assertThat(health.ready()).isFalse();

        streams.close();

        assertThat(health.state()).isEqualTo("NOT_RUNNING");
        assertThat(health.live()).isFalse();
    }
}
