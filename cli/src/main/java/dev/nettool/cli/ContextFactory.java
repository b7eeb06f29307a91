package dev.nettool.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds commands and mixins, handing a {@link CliContext} to those whose constructor takes one. */
final class ContextFactory implements CommandLine.IFactory {
  private final CliContext ctx;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  ContextFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    try {
      Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
      c.setAccessible(true);
      return c.newInstance(ctx);
    } catch (NoSuchMethodException e) {
      return fallback.create(cls);
    }
  }
}
