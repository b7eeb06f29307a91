package dev.nettool.cli.options;

import dev.nettool.protocols.ready.ReadySignal;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --ready-file}, {@code --pid-file}, and {@code NOTIFY_SOCKET} from the environment. */
public final class ReadyOptions {
  @Option(names = "--ready-file", paramLabel = "PATH",
      description = "Once listening, write the bound address to PATH (atomically: write, then rename).")
  Path readyFile;

  @Option(names = "--pid-file", paramLabel = "PATH", description = "Write the process id to PATH.")
  Path pidFile;

  public ReadySignal signal(Map<String, String> env) {
    return new ReadySignal(readyFile, pidFile, env.get("NOTIFY_SOCKET"));
  }
}
