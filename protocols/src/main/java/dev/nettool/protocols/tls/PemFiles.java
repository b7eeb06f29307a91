package dev.nettool.protocols.tls;

import dev.nettool.protocols.ExitCode;
import dev.nettool.protocols.NettoolException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM files: certificates (whole chains) and private keys. Keys are written as PKCS#8 into files that are
 * mode 0600 from their creation; keys are read as PKCS#8, PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
 * ({@code EC PRIVATE KEY}). A file that cannot be used is a usage error naming it.
 */
public final class PemFiles {
  /** The mode of a key file. */
  public static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("rw-------");

  private PemFiles() {}

  /** Writes {@code chain} in order (leaf first) to {@code file}, replacing it atomically. */
  public static void writeCertificates(Path file, List<X509Certificate> chain) {
    write(file, false, out -> {
      for (X509Certificate c : chain) {
        out.writeObject(c);
      }
    });
  }

  /** Writes {@code key} as PKCS#8 ({@code BEGIN PRIVATE KEY}) to {@code file}, mode 0600, replacing it atomically. */
  public static void writePrivateKey(Path file, PrivateKey key) {
    write(file, true, out -> out.writeObject(new JcaPKCS8Generator(key, null)));
  }

  /** Every certificate in {@code file}, in file order; at least one. */
  public static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          out.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      throw unreadable("certificate", file, e);
    }
    if (out.isEmpty()) {
      throw new NettoolException(ExitCode.USAGE, "cannot read certificate " + file, "no CERTIFICATE block in it");
    }
    return List.copyOf(out);
  }

  /** The first private key in {@code file}: PKCS#8, PKCS#1 (RSA) or SEC1 (EC), unencrypted. */
  public static PrivateKey readPrivateKey(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
          throw new NettoolException(ExitCode.USAGE, "cannot read key " + file,
              "it is encrypted (decrypt it first: openssl pkey -in FILE -out PLAIN)");
        }
      }
    } catch (NettoolException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw unreadable("key", file, e);
    }
    throw new NettoolException(ExitCode.USAGE, "cannot read key " + file, "no PRIVATE KEY block in it");
  }

  private static NettoolException unreadable(String what, Path file, Exception e) {
    String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new NettoolException(ExitCode.USAGE, "cannot read " + what + " " + file, why, e);
  }

  /** What is written into a PEM file. */
  private interface PemContent {
    void writeTo(JcaPEMWriter out) throws IOException;
  }

  // Written to a sibling temp file, then renamed over the target: a reader never sees half a file, and a
  // key file is created 0600 rather than made so after its bytes are on disk.
  private static void write(Path file, boolean secret, PemContent content) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      FileAttribute<?>[] attrs = secret ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(KEY_MODE)}
          : new FileAttribute<?>[0];
      try (Writer w = Channels.newWriter(Files.newByteChannel(tmp,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs), StandardCharsets.US_ASCII);
          JcaPEMWriter pem = new JcaPEMWriter(w)) {
        content.writeTo(pem);
      }
      move(tmp, file);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new NettoolException(ExitCode.FAILURE, "cannot write " + file,
          e instanceof FileAlreadyExistsException ? "a file is in the way" : String.valueOf(e.getMessage()), e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // nothing more to do: the write already failed and says so
    }
  }
}
