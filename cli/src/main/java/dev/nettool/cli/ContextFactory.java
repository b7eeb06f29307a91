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
    // Looked up among the declared constructors rather than by getDeclaredConstructor(CliContext),
    // whose NoSuchMethodException for every option class costs a short command's start ~2 ms.
    for (Constructor<?> c : cls.getDeclaredConstructors()) {
      if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
        c.setAccessible(true);
        return cls.cast(c.newInstance(ctx));
      }
    }
    return fallback.create(cls);
  }
}
