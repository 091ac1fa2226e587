package dev.mcpkit.tools.internal;

import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import dev.mcpkit.tools.Description;
import dev.mcpkit.tools.Examples;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates JSON Schema 2020-12 from Java types with victools {@code jsonschema-generator}: records
 * and classes as objects that forbid extra properties, enums as string enums, {@code Optional<T>}
 * as {@code T}, maps as {@code additionalProperties}, types used more than once under {@code
 * $defs}; {@code required} lists what is neither {@code @Nullable} nor {@code Optional}, and a
 * {@code @Nullable} property also admits {@code null}; {@link Description} and {@link Examples}
 * give {@code description} and {@code examples}. Thread-safe: the generator is immutable after
 * configuration. Used only while tools are registered.
 */
final class Schemas {
  private static final String DEFS = "$defs";
  private static final SchemaGenerator GENERATOR = new SchemaGenerator(config());

  private Schemas() {}

  private static com.github.victools.jsonschema.generator.SchemaGeneratorConfig config() {
    SchemaGeneratorConfigBuilder builder =
        new SchemaGeneratorConfigBuilder(
                Json.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
            .with(Option.FLATTENED_ENUMS)
            .with(Option.FLATTENED_OPTIONALS)
            .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
            .with(Option.PLAIN_DEFINITION_KEYS)
            .with(Option.STANDARD_FORMATS)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    builder
        .forFields()
        .withRequiredCheck(field -> !mayBeAbsent(field))
        .withNullableCheck(field -> isNullable(field))
        .withDescriptionResolver(
            field -> {
              Description description =
                  field.getAnnotationConsideringFieldAndGetter(Description.class);
              return description == null ? null : description.value();
            })
        .withInstanceAttributeOverride(
            (node, field, context) -> {
              Examples examples = field.getAnnotationConsideringFieldAndGetter(Examples.class);
              if (examples != null) {
                putExamples(node, examples);
              }
            });
    builder
        .forTypesInGeneral()
        .withDescriptionResolver(
            scope -> {
              Description description =
                  scope.getType().getErasedType().getAnnotation(Description.class);
              return description == null ? null : description.value();
            });
    return builder.build();
  }

  private static boolean mayBeAbsent(FieldScope field) {
    Field raw = field.getRawMember();
    return Nullness.mayBeAbsent(raw, raw.getAnnotatedType());
  }

  private static boolean isNullable(FieldScope field) {
    Field raw = field.getRawMember();
    return !Nullness.isOptional(raw.getGenericType()) && mayBeAbsent(field);
  }

  private static void putExamples(ObjectNode node, Examples examples) {
    ArrayNode array = node.putArray("examples");
    for (String example : examples.value()) {
      array.add(Json.example(example));
    }
  }

  /** The schema of a type, standing alone. */
  static ObjectNode of(Type type) {
    return GENERATOR.generateSchema(type);
  }

  /**
   * The schema of an object whose properties are a method's parameters: each one's type, its {@link
   * Description} and {@link Examples}; required unless it may be absent.
   */
  static ObjectNode ofParameters(List<Parameter> parameters) {
    SchemaBuilder builder = GENERATOR.buildMultipleSchemaDefinitions();
    ObjectNode schema = Json.MAPPER.createObjectNode();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = Json.MAPPER.createArrayNode();
    for (Parameter parameter : parameters) {
      Type type = parameter.getParameterizedType();
      if (Nullness.isOptional(type) && type instanceof ParameterizedType optional) {
        // FLATTENED_OPTIONALS applies to fields only: a parameter's Optional<T> is unwrapped here.
        type = optional.getActualTypeArguments()[0];
      }
      ObjectNode property = builder.createSchemaReference(type);
      Description description = parameter.getAnnotation(Description.class);
      if (description != null) {
        property.put("description", description.value());
      }
      Examples examples = parameter.getAnnotation(Examples.class);
      if (examples != null) {
        putExamples(property, examples);
      }
      properties.set(parameter.getName(), property);
      if (!Nullness.mayBeAbsent(parameter, parameter.getAnnotatedType())) {
        required.add(parameter.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.put("additionalProperties", false);
    ObjectNode definitions = builder.collectDefinitions(DEFS);
    if (definitions != null && !definitions.isEmpty()) {
      schema.set(DEFS, definitions);
    }
    return schema;
  }

  /**
   * Whether a generated schema describes a JSON object (and so may be {@code structuredContent}).
   */
  static boolean isObject(@Nullable JsonNode schema) {
    return schema != null && "object".equals(schema.path("type").asString(""));
  }
}
