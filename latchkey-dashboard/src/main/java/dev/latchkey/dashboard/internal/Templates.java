package dev.latchkey.dashboard.internal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The pages, compiled from {@code src/main/jte} to Java at build time by the jte Maven plugin.
 * Every value is HTML-escaped where it is written.
 */
final class Templates {
  static final String PACKAGE = "dev.latchkey.dashboard.templates";

  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

  String render(String name, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    engine.render(name + ".jte", params, out);
    return out.toString();
  }
}
