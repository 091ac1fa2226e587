package dev.mcpkit.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes an argument for the model: a method parameter, a record component or field (the
 * schema's {@code description}), or a type (the {@code description} of its schema).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.PARAMETER,
  ElementType.FIELD,
  ElementType.RECORD_COMPONENT,
  ElementType.METHOD,
  ElementType.TYPE
})
public @interface Description {

  /**
   * The description.
   *
   * @return the description
   */
  String value();
}
