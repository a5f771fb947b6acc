package io.switchboard.template;

import org.apache.velocity.Template;

/** A parsed template, ready to render; immutable and shareable between threads. */
public record CompiledTemplate(String name, Template velocity, java.util.Optional<String> constant,
                               java.util.Optional<SimpleTemplate> simple) {
}
