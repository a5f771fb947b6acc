package io.switchboard.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The registry of named handlers: a name resolves only as the kind it was registered as. */
class HandlersTest {

    /** Both a route and an HTTP route handler, as one class may well be. */
    private static final class Both implements RouteHandler, HttpRouteHandler {
        @Override
        public RouteResult handle(RouteEvent event, RouteContext context) {
            return RouteResult.ok("route");
        }

        @Override
        public RouteResult handle(HttpRequestEvent request, RouteContext context) {
            return RouteResult.ok("http");
        }
    }

    @Test
    void aNameResolvesOnlyAsTheKindItWasRegisteredAs() {
        Both both = new Both();
        Handlers handlers = Handlers.builder().route("r", both).http("h", both).build();
        assertThat(handlers.route("r")).containsSame(both);
        assertThat(handlers.http("r")).isEmpty();
        assertThat(handlers.http("h")).containsSame(both);
        assertThat(handlers.route("h")).isEmpty();
        assertThat(handlers.kindOf("r")).contains("route");
        assertThat(handlers.kindOf("h")).contains("http");
        assertThat(handlers.kindOf("x")).isEmpty();
    }

    @Test
    void mergingKeepsKindsAndRefusesANameTwice() {
        Handlers a = Handlers.builder().queue("q", batch -> BatchResult.ok()).build();
        Handlers b = Handlers.builder().topic("t", message -> { }).build();
        Handlers both = a.and(b);
        assertThat(both.names()).containsExactlyInAnyOrder("q", "t");
        assertThat(both.kindOf("q")).contains("queue");
        assertThat(both.kindOf("t")).contains("topic");
        assertThat(Handlers.none().and(both).names()).hasSize(2);
        assertThatThrownBy(() -> both.and(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t is registered twice");
        assertThatThrownBy(() -> Handlers.builder().route(" ", (e, c) -> RouteResult.ok()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
