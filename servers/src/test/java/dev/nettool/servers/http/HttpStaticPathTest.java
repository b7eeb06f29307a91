package dev.nettool.servers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(5)
class HttpStaticPathTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "..|400",
      "a/../b|400",
      "%2e%2e|400",
      "%2E%2e/x|400",
      ".%2e|400",
      ".|400",
      "a/./b|400",
      "a%2fb|400",
      "a%2Fb|400",
      "..%2f..%2fetc|400",
      "a%5cb|400",
      "a\\b|400",
      "%00|400",
      "a%00.txt|400",
      "a%0d%0a|400",
      "%7f|400",
      "%zz|400",
      "%2|400",
      "%c0%ae%c0%ae|400",
      "%ff|400",
      ".hidden|404",
      "a/.git/config|404",
      "%2ehidden|404",
      "...|404",
  })
  void refusesWhatCouldLeaveTheRoot(String raw, int status) {
    HttpStaticPath p = HttpStaticPath.parse(raw, false);
    assertThat(p).as(raw).isInstanceOf(HttpStaticPath.Refused.class);
    assertThat(((HttpStaticPath.Refused) p).status().code()).as(raw).isEqualTo(status);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a/b.txt|a,b.txt",
      "a//b|a,b",
      "%252e%252e|%2e%2e",
      "r%C3%A9sum%C3%A9.txt|résumé.txt",
      "a+b|a+b",
      "a%20b|a b",
      "a..b|a..b",
  })
  void decodesSegmentsExactlyOnce(String raw, String names) {
    HttpStaticPath p = HttpStaticPath.parse(raw, true);
    assertThat(p).isEqualTo(new HttpStaticPath.Segments(List.of(names.split(",")), true));
  }

  @org.junit.jupiter.api.Test
  void takesAnEmptyRestAsTheMountsRoot() {
    assertThat(HttpStaticPath.parse("", false)).isEqualTo(new HttpStaticPath.Segments(List.of(), false));
  }
}
