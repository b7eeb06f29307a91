package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class HttpUploadNamesTest {

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
      report.pdf            | report.pdf
      ../../etc/passwd      | passwd
      C:\\\\Users\\\\me\\\\a.txt | a.txt
      /abs/path/b.bin       | b.bin
      ..                    | upload.bin
      dir/..                | upload.bin
      ''                    | upload.bin
      none                  | upload.bin
      'new\tline\u0000.txt' | newline.txt
      'ünï cödé.txt'        | ünï cödé.txt
      """)
  void keepsOnlyAPrintableLastPathComponent(String sent, String stored) {
    assertThat(HttpUploadNames.sanitize(sent == null ? null : sent.translateEscapes())).isEqualTo(stored);
  }
}
