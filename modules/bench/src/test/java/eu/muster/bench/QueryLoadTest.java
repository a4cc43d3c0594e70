package eu.muster.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.muster.pki.DevelopmentCa;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryLoadTest {

    @Test
    void aQueryApiThatCannotListItsIncidentsStopsTheLoadWithTheCauseNotTheBench(@TempDir Path pki) throws Exception {
        DevelopmentCa.ensure(pki, List.of("de-bsi"), List.of("127.0.0.1"), Clock.systemUTC());
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        QueryClient client = new QueryClient("https://127.0.0.1:" + closed, pki, DevelopmentCa.PASSWORD.toCharArray(), "de-bsi");

        assertThatThrownBy(() -> QueryLoad.run(client, 2, Duration.ofSeconds(1), 1))
                .isInstanceOf(QueryLoad.NotStarted.class)
                .hasMessageStartingWith("GET /v1/incidents?limit=500&offset=0 failed before the query load: ")
                .hasCauseInstanceOf(java.io.UncheckedIOException.class);
    }
}
