package dev.nettool.protocols.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing {@code --name} and {@code --san} values. */
@Timeout(10)
class SubjectNameTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "localhost | DNS:localhost",
      "DNS:example.test | DNS:example.test",
      "dns:*.example.test | DNS:*.example.test",
      "my_host-1.local | DNS:my_host-1.local",
      "127.0.0.1 | IP:127.0.0.1",
      "IP:10.1.2.3 | IP:10.1.2.3",
      "::1 | IP:::1",
      "[::1] | IP:::1",
      "IP:2001:db8::7 | IP:2001:db8::7",
      "ip:fe80::1 | IP:fe80::1"
  })
  void parsesPrefixedAndBareNames(String text, String parsed) {
    assertThat(SubjectName.parse(text)).hasToString(parsed);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1.2.3.999 | '1.2.3.999' is not an IP address",
      "IP:example.test | 'IP:example.test' is not an IP address",
      "DNS:bad..name | 'bad..name' is not a DNS name: it has an empty label",
      "DNS:-dash.test | '-dash.test' is not a DNS name: bad label '-dash'",
      "host name | 'host name' is not a DNS name: bad label 'host name'",
      "DNS: | '' is not a DNS name: it is empty",
      "URI:http://x | 'URI:http://x' has an unknown type URI: (DNS: or IP: expected)",
      "email:a@b | 'email:a@b' has an unknown type EMAIL: (DNS: or IP: expected)"
  })
  void refusesNamesACertificateCannotCarry(String text, String message) {
    assertThatThrownBy(() -> SubjectName.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
