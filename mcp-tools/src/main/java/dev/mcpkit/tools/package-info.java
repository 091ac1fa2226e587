/**
 * Typed tools, resources and prompts: annotate public methods of a plain object with {@link
 * dev.mcpkit.tools.McpTool}, {@link dev.mcpkit.tools.McpResource} or {@link
 * dev.mcpkit.tools.McpPrompt} and register the object explicitly, or make one tool of a record and
 * a lambda with {@code Tool.typed(...)}.
 *
 * {@snippet :
 * McpServerConfig config = McpServerConfig.builder()
 *     .serverInfo("weather", "1.0.0")
 *     .tools(new WeatherTools())
 *     .resources(new WeatherTools())
 *     .build();
 * }
 *
 * <h2>Registration, reflection and the module path</h2>
 *
 * Nothing is scanned: only the objects handed to the builder are read, once, when they are
 * registered. Their methods are found by reflection, their input and output schemas generated then
 * (with victools {@code jsonschema-generator}, JSON Schema 2020-12), and each method is turned into
 * a {@link java.lang.invoke.MethodHandle}, so a call costs a handle invocation plus Jackson's
 * binding, never a reflective lookup. This is what Jackson, JUnit, Hibernate Validator and Spring
 * do, rather than what an annotation processor (Micronaut, Dagger) does: a processor would remove
 * no run-time reflection here, because binding arguments to records with Jackson and generating a
 * schema from generic types both read the types at run time anyway, and it would add a build step
 * to every user's project.
 *
 * <p>On the module path, Jackson 3 builds and reads records through method handles, so the package
 * of the records a tool binds or returns must be open to Jackson; registration checks it and names
 * the line to add otherwise. Methods found by mcpkit need only be public in an exported package;
 * open the package to {@code dev.mcpkit.tools} as well for anything else:
 *
 * {@snippet :
 * module com.example.weather {
 *   requires dev.mcpkit.tools;
 *   opens com.example.weather to dev.mcpkit.tools, tools.jackson.databind;
 * }
 * }
 *
 * <p>Parameters bind by name, so compile with {@code -parameters} (or take one record parameter,
 * whose component names are always known); registration fails with a message saying so otherwise.
 */
@NullMarked
package dev.mcpkit.tools;

import org.jspecify.annotations.NullMarked;
