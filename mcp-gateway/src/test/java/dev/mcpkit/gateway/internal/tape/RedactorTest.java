package dev.mcpkit.gateway.internal.tape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Secrets replaced, everything else left, and the caller's tree never changed. */
class RedactorTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void credentialMembersBearerStringsAndConfiguredPathsAreRedactedAnywhere() {
    Redactor redactor =
        new Redactor(Set.of(), List.of("params.arguments.ssn", "result.content.*.secretText"));
    JsonNode message =
        JSON.readTree(
            """
            {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"login",
             "arguments":{"user":"ann","password":"hunter2","ssn":"078-05-1120",
               "nested":[{"access_token":"eyJhbGciOi"},{"note":"Bearer abc.def"}]},
             "_meta":{"progressToken":7}}}""");
    String before = message.toString();

    JsonNode redacted = redactor.redact(message);

    assertThat(redacted.at("/params/arguments/password").asString()).isEqualTo("[REDACTED]");
    assertThat(redacted.at("/params/arguments/ssn").asString()).isEqualTo("[REDACTED]");
    assertThat(redacted.at("/params/arguments/nested/0/access_token").asString())
        .isEqualTo("[REDACTED]");
    assertThat(redacted.at("/params/arguments/nested/1/note").asString()).isEqualTo("[REDACTED]");
    assertThat(redacted.at("/params/arguments/user").asString()).isEqualTo("ann");
    assertThat(redacted.at("/params/_meta/progressToken").asInt())
        .as("progressToken is not a credential")
        .isEqualTo(7);
    assertThat(redacted.toString())
        .doesNotContain("hunter2", "078-05-1120", "eyJhbGciOi", "abc.def");
    assertThat(message.toString()).as("the caller's message is untouched").isEqualTo(before);
  }

  @Test
  void wildcardsMatchEveryMemberAndElement() {
    Redactor redactor = new Redactor(Set.of(), List.of("result.content.*.text"));
    JsonNode message =
        JSON.readTree(
            "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                + "{\"type\":\"text\",\"text\":\"b\"}]}}");

    JsonNode redacted = redactor.redact(message);

    assertThat(redacted.at("/result/content/0/text").asString()).isEqualTo("[REDACTED]");
    assertThat(redacted.at("/result/content/1/text").asString()).isEqualTo("[REDACTED]");
    assertThat(redacted.at("/result/content/1/type").asString()).isEqualTo("text");
  }

  @Test
  void aMessageWithoutSecretsIsNotCopied() {
    Redactor redactor = new Redactor(Set.of(), List.of("params.arguments.ssn"));
    JsonNode message = JSON.readTree("{\"method\":\"tools/list\",\"params\":{\"cursor\":\"2\"}}");

    assertThat(redactor.redact(message)).isSameAs(message);
  }

  @Test
  void authorizationAndConfiguredHeadersAreRecordedRedacted() {
    Redactor redactor = new Redactor(Set.of("X-Tenant-Key"), List.of());

    assertThat(redactor.header("Authorization", "Bearer s3cret")).isEqualTo("[REDACTED]");
    assertThat(redactor.header("cookie", "sid=1")).isEqualTo("[REDACTED]");
    assertThat(redactor.header("x-tenant-key", "k")).isEqualTo("[REDACTED]");
    assertThat(redactor.header("mcp-protocol-version", "2025-11-25")).isEqualTo("2025-11-25");
    assertThat(redactor.recordedHeaders()).contains("authorization", "x-tenant-key", "user-agent");
  }
}
