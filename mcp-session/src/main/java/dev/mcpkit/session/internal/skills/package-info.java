/**
 * The engine's side of the Skills extension ({@code io.modelcontextprotocol/skills}, SEP-2640):
 * {@link dev.mcpkit.session.internal.skills.SkillCatalog} validates the configured skills when the
 * engine is created, turns their files into resources and answers {@code skills/list}, {@code
 * skills/get} and {@code resources/directory/read} from memory.
 */
@NullMarked
package dev.mcpkit.session.internal.skills;

import org.jspecify.annotations.NullMarked;
