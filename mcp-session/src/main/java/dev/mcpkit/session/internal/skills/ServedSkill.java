package dev.mcpkit.session.internal.skills;

import dev.mcpkit.api.server.Skill;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated skill and its entry as {@code skills/list} and {@code skills/get} show it.
 *
 * @param skill the skill
 * @param entry {@code {uri, frontmatter, resources: [{uri, digest, size}]}}; never handed out
 *     without a copy
 */
record ServedSkill(Skill skill, ObjectNode entry) {

  /** The URI of the skill's directory, {@code skill://<path>}. */
  String directoryUri() {
    return "skill://" + skill.path();
  }
}
