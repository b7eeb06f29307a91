import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A build step that {@code cli/pom.xml} runs after compiling: it replaces the stand-in
 * {@code dev.nettool.cli.CommandSnapshotText} class file with one whose {@code text()} returns
 * the command snapshot that {@code CommandSnapshot.main} wrote to TEXT-FILE. The text is held as
 * string constants (a constant holds at most 65,535 bytes, so a long text is several, joined by a
 * StringBuilder), which the class-data-sharing archive keeps with the class.
 *
 * <p>Usage: {@code java -cp asm.jar SnapshotClass.java TEXT-FILE CLASSES-DIRECTORY}.
 */
public final class SnapshotClass {
  private static final String NAME = "dev/nettool/cli/CommandSnapshotText";
  /** Characters per constant: at most three bytes each in the class file's modified UTF-8. */
  private static final int CHUNK = 20_000;

  private SnapshotClass() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: SnapshotClass TEXT-FILE CLASSES-DIRECTORY");
    }
    String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    Path out = Path.of(args[1], NAME + ".class");
    if (!Files.isRegularFile(out)) {
      throw new IOException(out + " is missing: compile the stand-in first");
    }
    Files.write(out, classFile(text));
    System.out.println("[snapshot] " + text.length() + " characters of command snapshot in " + NAME);
  }

  static byte[] classFile(String text) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null, "java/lang/Object", null);
    cw.visitSource("CommandSnapshotText.java", null);

    MethodVisitor init = cw.visitMethod(Opcodes.ACC_PRIVATE, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    MethodVisitor m = cw.visitMethod(Opcodes.ACC_STATIC, "text", "()Ljava/lang/String;", null, null);
    m.visitCode();
    m.visitTypeInsn(Opcodes.NEW, "java/lang/StringBuilder");
    m.visitInsn(Opcodes.DUP);
    m.visitLdcInsn(text.length());
    m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "(I)V", false);
    for (int from = 0; from < text.length(); from += CHUNK) {
      m.visitLdcInsn(text.substring(from, Math.min(text.length(), from + CHUNK)));
      m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/StringBuilder", "append",
          "(Ljava/lang/String;)Ljava/lang/StringBuilder;", false);
    }
    m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/StringBuilder", "toString", "()Ljava/lang/String;", false);
    m.visitInsn(Opcodes.ARETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }
}
