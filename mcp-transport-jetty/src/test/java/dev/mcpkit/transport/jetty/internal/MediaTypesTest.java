package dev.mcpkit.transport.jetty.internal;

import static dev.mcpkit.transport.jetty.internal.MediaTypes.EVENT_STREAM;
import static dev.mcpkit.transport.jetty.internal.MediaTypes.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

class MediaTypesTest {
  @Test
  void acceptListsAreSplitAtCommasAndParametersIgnored() {
    assertThat(MediaTypes.accepted("application/json, text/event-stream"))
        .isEqualTo(JSON | EVENT_STREAM);
    assertThat(MediaTypes.accepted("text/event-stream;q=0.5,application/json;charset=utf-8"))
        .isEqualTo(JSON | EVENT_STREAM);
    assertThat(MediaTypes.accepted("  Application/JSON \t;q=1 ,TEXT/Event-Stream  "))
        .isEqualTo(JSON | EVENT_STREAM);
    assertThat(MediaTypes.accepted("text/event-stream, application/json"))
        .isEqualTo(JSON | EVENT_STREAM);
    // Near the values known without parsing, but not them: parsed.
    assertThat(MediaTypes.accepted("application/json, text/event-streams")).isEqualTo(JSON);
    assertThat(MediaTypes.accepted("text/event-stream, application/jsonx")).isEqualTo(EVENT_STREAM);
    assertThat(MediaTypes.accepted("application/json")).isEqualTo(JSON);
    assertThat(MediaTypes.accepted("text/event-stream")).isEqualTo(EVENT_STREAM);
    assertThat(MediaTypes.accepted("text/html, application/xml")).isZero();
    assertThat(MediaTypes.accepted("")).isZero();
    assertThat(MediaTypes.accepted(",,;,")).isZero();
  }

  @Test
  void wildcardsAdmitTheirTypes() {
    assertThat(MediaTypes.accepted("*/*")).isEqualTo(JSON | EVENT_STREAM);
    assertThat(MediaTypes.accepted("application/*")).isEqualTo(JSON);
    assertThat(MediaTypes.accepted("text/*;q=0.1")).isEqualTo(EVENT_STREAM);
    assertThat(MediaTypes.accepted("application/json-seq, text/event-streams, application/jso"))
        .isZero();
  }

  @Test
  void commasInsideQuotedParametersDoNotSplit() {
    assertThat(MediaTypes.accepted("text/plain;x=\"a, application/json, text/event-stream\""))
        .isZero();
    assertThat(MediaTypes.accepted("text/plain;x=\"a\\\", text/event-stream\", application/json"))
        .isEqualTo(JSON);
  }

  @Test
  void everyAcceptFieldCounts() {
    HttpFields headers =
        HttpFields.build()
            .add(HttpHeader.ACCEPT, "application/json")
            .add(HttpHeader.CONTENT_TYPE, "text/event-stream")
            .add(HttpHeader.ACCEPT, "text/event-stream");
    assertThat(MediaTypes.accepted(headers)).isEqualTo(JSON | EVENT_STREAM);
    assertThat(MediaTypes.accepted(HttpFields.build().add(HttpHeader.CONTENT_TYPE, "*/*")))
        .isZero();
  }

  @Test
  void contentTypeIsJsonWithOrWithoutParameters() {
    assertThat(MediaTypes.isJson("application/json")).isTrue();
    assertThat(MediaTypes.isJson(" Application/JSON ; charset=utf-8")).isTrue();
    assertThat(MediaTypes.isJson("application/json;charset=UTF-8")).isTrue();
    assertThat(MediaTypes.isJson("application/jsonx")).isFalse();
    assertThat(MediaTypes.isJson("application/json-seq")).isFalse();
    assertThat(MediaTypes.isJson("application/json x")).isFalse();
    assertThat(MediaTypes.isJson("text/plain")).isFalse();
    assertThat(MediaTypes.isJson("")).isFalse();
    assertThat(MediaTypes.isJson(null)).isFalse();
  }
}
