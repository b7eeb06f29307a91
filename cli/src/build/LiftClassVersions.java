import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step that {@code cli/pom.xml} runs on the shaded {@code nettool.jar}: every class file
 * older than Java 6 (class-file version 49, which is how picocli ships) is rewritten as a Java 8
 * class file with stack-map frames. The code is the same; only the version, the frames and the
 * computed max stack and locals change.
 *
 * <p>Why: JDK 17 keeps pre-Java-6 classes out of a class-data-sharing archive ("Pre JDK 6 class
 * not supported by CDS"), and with them every class that extends or implements one, such as the
 * option converters. The launcher's archive then missed all of picocli, which was loaded and
 * verified again, with the old type-inferencing verifier, on every start of a one-shot command.
 *
 * <p>Usage: {@code java -cp asm.jar LiftClassVersions.java JAR} (rewrites JAR in place).
 */
public final class LiftClassVersions {
  private static final int JAVA_6 = 50;

  private LiftClassVersions() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: LiftClassVersions JAR");
      System.exit(2);
    }
    Path jar = Path.of(args[0]);
    Path tmp = jar.resolveSibling(jar.getFileName() + ".lift");
    int lifted = 0;
    try (ZipFile in = new ZipFile(jar.toFile());
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
            ClassLoader.getPlatformClassLoader());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        byte[] bytes;
        try (InputStream s = in.getInputStream(entry)) {
          bytes = s.readAllBytes();
        }
        if (entry.getName().endsWith(".class") && majorVersion(bytes) < JAVA_6) {
          bytes = lift(bytes, loader);
          lifted++;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("[lift] " + lifted + " pre-Java-6 class files in " + jar.getFileName()
        + " rewritten as Java 8 class files with stack-map frames");
  }

  private static int majorVersion(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  private static byte[] lift(byte[] classFile, ClassLoader loader) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return loader;
      }
    };
    ClassVisitor toJava8 = new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    };
    new ClassReader(classFile).accept(toJava8, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }
}
