package dev.mcpkit.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Example values of an argument, shown to the model as the schema's {@code examples}. Each is read
 * as JSON when it parses as JSON ({@code "42"}, {@code "true"}, {@code "[1,2]"}) and as a string
 * otherwise ({@code "Paris"}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Examples {

  /**
   * The examples.
   *
   * @return the examples, in order
   */
  String[] value();
}
